namespace Leaf.Onnx;

/// <summary>
/// The ONNX models of a frontend for chunked and streaming featurization (<see cref="StreamingExporter"/>).
/// </summary>
/// <param name="Info">The frontend's metadata (stored in every model too).</param>
/// <param name="Frames">Segment [batch, samples] → frame-local values [batch, frames, N] (<see cref="Leaf.Frontends.FrameSupport"/> says which frames are exact).</param>
/// <param name="Compression">sPCEN with carried state, or null when the frontend has none.</param>
/// <param name="StateLengths">The time length 2^k of each state input k of <see cref="Compression"/>.</param>
/// <param name="Normalization">Instance normalisation of a whole clip's features, or null when the frontend has none (it cannot stream).</param>
public sealed record StreamingModels(OnnxModelInfo Info, byte[] Frames, byte[]? Compression, int[] StateLengths, byte[]? Normalization);
