using Leaf.Datasets.Augmentation;

namespace Leaf.Datasets;

/// <summary>Decoding, caching and queueing of a <see cref="BatchSource"/>.</summary>
public sealed record BatchSourceOptions
{
    /// <summary>How files become inputs (rate, length, loudness).</summary>
    public ClipOptions Clip { get; init; } = ClipOptions.Default;

    /// <summary>Random changes to training examples (evaluation batches are never augmented); default none.</summary>
    public WaveformAugmentationOptions Augmentation { get; init; } = WaveformAugmentationOptions.None;

    /// <summary>
    /// Bytes of decoded, resampled clips kept in memory across epochs (default 1 GiB, i.e. 2^28 float samples ≈ 4.7 h
    /// at 16 kHz); files beyond the budget are decoded again every time. 0 turns the cache off.
    /// </summary>
    public long CacheBytes { get; init; } = 1L << 30;

    /// <summary>Batches decoded ahead of the consumer (default 4); bounds the memory of the queue.</summary>
    public int QueueCapacity { get; init; } = 4;

    /// <summary>Threads decoding the files of one batch (default half the cores, at least 1; the trainer uses the rest).</summary>
    public int DecodeThreads { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>The defaults.</summary>
    public static BatchSourceOptions Default { get; } = new();
}
