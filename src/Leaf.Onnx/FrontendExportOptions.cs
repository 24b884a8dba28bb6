using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>Options of <see cref="FrontendExporter"/>.</summary>
public sealed record FrontendExportOptions
{
    /// <summary>
    /// Fix the input length to this many samples (the batch stays symbolic), e.g. for ML.NET's OnnxTransformer, which
    /// needs fixed-size vectors. Null (the default): the input is [batch, samples] with both dimensions symbolic.
    /// </summary>
    public int? FixedSamples { get; init; }

    /// <summary>
    /// Longest input, in frames, for which sPCEN's moving average must be exact: the graph gets ⌈log₂ MaxFrames⌉ doubling
    /// steps (fewer when the decay vanishes sooner, and then any length is exact). Default 2^20 frames (2.9 h at 10 ms).
    /// </summary>
    public int MaxFrames { get; init; } = 1 << 20;

    /// <summary>
    /// How LEAF's filterbank and pooling are computed: <see cref="LeafAlgorithm.Exact"/> (the default) or the
    /// frequency-domain <see cref="LeafAlgorithm.Fast"/> path. Ignored by the other frontend kinds.
    /// </summary>
    public LeafAlgorithm LeafAlgorithm { get; init; } = LeafAlgorithm.Exact;

    /// <summary>
    /// Compute the features in segments of at most about this many samples inside the model (an ONNX <c>Loop</c>), so that
    /// ONNX Runtime's peak memory is that of one segment plus the waveform and the [frames, N] arrays instead of growing
    /// with the length (docs/streaming.md "One ONNX model for whole files"). The model is one standard ONNX model with the
    /// same input, output and metadata, and the same features: bit for bit for LEAF (exact), SincNet, SincNet+ and
    /// TD-filterbanks, within float rounding for mel and the fast LEAF. Its batch is fixed to 1: input <c>waveform</c>
    /// [1, samples], output <c>features</c> [1, frames, N] (<see cref="FixedSamples"/> may fix the length too). A waveform
    /// shorter than the frontend's minimum (an empty one; under K samples for TD-filterbanks), which
    /// <see cref="OnnxModelInfo.RequireValidLength"/> refuses, counts as padded with zeros to it. At least one frame's
    /// samples plus two alignment steps (1 121 for the default 16 kHz LEAF, 10 816 for its fast algorithm); 2^17 is a
    /// good value. Null (the default): the whole waveform in one pass, any batch.
    /// </summary>
    public int? SegmentSamples { get; init; }

    /// <summary>Free text stored as the model's <c>doc_string</c>; null for a generated summary.</summary>
    public string? DocString { get; init; }
}
