using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>Options of <see cref="StreamingFrontend"/>.</summary>
public sealed record StreamingFrontendOptions
{
    /// <summary>The LEAF algorithm (ignored by the other kinds); <see cref="LeafAlgorithm.Exact"/> by default.</summary>
    public LeafAlgorithm LeafAlgorithm { get; init; } = LeafAlgorithm.Exact;

    /// <summary>
    /// The signal's length when it is known in advance (a file): the frames are then those of one offline run of the
    /// whole signal, for every length. Null (a live stream): the frame grid is the one of a whole number of strides, and
    /// <see cref="StreamingFrontend.Complete()"/> pads the end with zeros to one, as the offline run of that padded signal.
    /// </summary>
    public long? TotalSamples { get; init; }

    /// <summary>
    /// Longest segment given to ONNX Runtime in one run, in samples: memory is bounded by it, whatever the signal's length.
    /// Default 2^17 (8.2 s at 16 kHz); it must hold one frame's samples plus one <see cref="Leaf.Frontends.FrameSupport.Alignment"/>.
    /// </summary>
    public int ChunkSamples { get; init; } = 1 << 17;

    /// <summary>ONNX Runtime session settings (threads, execution provider).</summary>
    public OnnxFrontendOptions Session { get; init; } = new();
}
