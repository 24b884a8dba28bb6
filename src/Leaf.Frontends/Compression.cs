using System.Text.Json.Serialization;

namespace Leaf.Frontends;

/// <summary>How pooled energies are compressed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CompressionKind>))]
public enum CompressionKind
{
    /// <summary>sPCEN (LEAF's default): per-channel alpha, delta, root and smoothing.</summary>
    Pcen,
    /// <summary><c>log(x + 1e-5)</c> (mel, TD-filterbanks, LEAF's "custom" variant).</summary>
    Log,
    /// <summary>Layer normalisation over channels, epsilon 1e-3 (SincNet).</summary>
    LayerNorm,
}

/// <summary>Options of the sPCEN compression (docs/frontends.md "sPCEN").</summary>
public sealed record PcenOptions
{
    /// <summary>The epsilon added to the smoothed energy before the power (1e-12 in LEAF, 1e-6 in SincNet+ as coded).</summary>
    public double Floor { get; init; } = 1e-12;

    /// <summary>Whether alpha, delta and root are learned (false for SincNet+ as coded).</summary>
    public bool Trainable { get; init; } = true;

    /// <summary>Whether the smoothing coefficient is learned.</summary>
    public bool LearnSmoothing { get; init; } = true;

    /// <summary>One smoothing coefficient per channel (true) or a single scalar.</summary>
    public bool PerChannelSmoothing { get; init; } = true;

    /// <summary>
    /// Stable mode (off by default, not in the reference): alpha, delta, root and smoothing are learned as logarithms,
    /// which keeps delta and smoothing positive and avoids the NaNs the EfficientLEAF authors hit on long inputs.
    /// Descriptions always store the linear values, so a stable-mode model exports like any other.
    /// </summary>
    public bool LearnLogs { get; init; }

    /// <summary>
    /// Where the smoother starts (off by default, not in the reference): with <see langword="false"/> the published M[0] = E[0],
    /// so a clip that starts in the middle of a sound gets no onset and one that starts in silence gets a large one; with
    /// <see langword="true"/> the state before the first frame is each channel's mean energy over the input, so
    /// M[0] = s·E[0] + (1 − s)·mean(E) and the output no longer depends on where the clip was cut. Not causal: a stream
    /// cannot know the mean in advance. Written to JSON only when on, so descriptions without it stay as they were.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool WarmStart { get; init; }

    /// <summary>Initial alpha (0.96).</summary>
    public double Alpha { get; init; } = 0.96;

    /// <summary>Initial delta (2.0).</summary>
    public double Delta { get; init; } = 2.0;

    /// <summary>Initial root (2.0; the exponent used is 1/root).</summary>
    public double Root { get; init; } = 2.0;

    /// <summary>Initial smoothing coefficient s (0.04).</summary>
    public double Smoothing { get; init; } = 0.04;
}
