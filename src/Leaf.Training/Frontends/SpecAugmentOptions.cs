namespace Leaf.Training.Frontends;

/// <summary>
/// SpecAugment masking (docs/frontends.md "After compression", lingvo's defaults): per example, <see cref="FrequencyMaskCount"/> bands of 0…
/// <see cref="FrequencyMaskMaxBins"/> channels and <see cref="TimeMaskCount"/> spans of 0…min(<see cref="TimeMaskMaxFrames"/>,
/// <see cref="TimeMaskMaxRatio"/>·T) frames are set to zero. Time warping is not implemented.
/// </summary>
public sealed record SpecAugmentOptions
{
    /// <summary>Number of frequency masks (2).</summary>
    public int FrequencyMaskCount { get; init; } = 2;

    /// <summary>Largest frequency mask in channels (10; <c>leaf_custom.gin</c> uses 8).</summary>
    public int FrequencyMaskMaxBins { get; init; } = 10;

    /// <summary>Number of time masks (2).</summary>
    public int TimeMaskCount { get; init; } = 2;

    /// <summary>Largest time mask in frames (10).</summary>
    public int TimeMaskMaxFrames { get; init; } = 10;

    /// <summary>Largest time mask as a fraction of the number of frames (1.0).</summary>
    public double TimeMaskMaxRatio { get; init; } = 1.0;
}
