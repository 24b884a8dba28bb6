using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>Options of <see cref="FrontendStream"/>.</summary>
public sealed record FrontendStreamOptions
{
    /// <summary>
    /// The signal's length when known in advance (a file): the frames are then those of <c>forward</c> on the whole
    /// signal, for every length. Null (a live stream): the frame grid of a whole number of strides, the end padded with
    /// zeros to one by <see cref="FrontendStream.Complete"/> (docs/streaming.md).
    /// </summary>
    public long? TotalSamples { get; init; }

    /// <summary>Longest segment run through the module at once, in samples: memory is bounded by it. Default 2^17 (8.2 s at 16 kHz).</summary>
    public int ChunkSamples { get; init; } = 1 << 17;

    /// <summary>Where the module's parameters are (its segments go there); null for the CPU.</summary>
    public Device? Device { get; init; }
}
