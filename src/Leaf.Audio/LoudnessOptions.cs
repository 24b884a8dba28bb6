namespace Leaf.Audio;

/// <summary>
/// The LEAF pipeline's loudness normalisation (docs/frontends.md "Input pipeline"):
/// gain = min(10^(<see cref="MaxGainDb"/>/20), 10^(<see cref="TargetDb"/>/20) / (std(x) + 1e−9)).
/// </summary>
/// <param name="TargetDb">Target level in dB relative to a unit standard deviation (paper: 15).</param>
/// <param name="MaxGainDb">Largest gain applied, in dB, so silence is not blown up (paper: 30).</param>
public sealed record LoudnessOptions(double TargetDb = 15, double MaxGainDb = 30)
{
    /// <summary>The paper's settings: target 15 dB, maximum gain 30 dB.</summary>
    public static LoudnessOptions Paper { get; } = new();
}
