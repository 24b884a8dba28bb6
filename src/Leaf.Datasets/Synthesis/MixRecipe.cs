namespace Leaf.Datasets.Synthesis;

/// <summary>
/// The last step of every synthesised sample: background noise at a signal-to-noise ratio, then a peak level.
/// The SNR is measured against the power of the active (non-silent) part, so it means the same for a short word
/// and a sustained note: noise power = P_active / 10^(SNR/10).
/// </summary>
/// <param name="Color">Noise colour.</param>
/// <param name="SnrDb">Signal-to-noise ratio in dB.</param>
/// <param name="Peak">Peak |x| of the finished clip (full scale 1).</param>
/// <param name="NoiseSeed">Seed of the noise samples.</param>
public sealed record MixRecipe(NoiseColor Color, double SnrDb, double Peak, ulong NoiseSeed)
{
    /// <summary>Relative threshold of the active region (−34 dB below the peak).</summary>
    private const double ActiveThreshold = 0.02;

    /// <summary>Draws a colour uniformly, an SNR uniform in [<paramref name="minSnrDb"/>, <paramref name="maxSnrDb"/>), a peak in [0.3, 0.9) and a noise seed.</summary>
    public static MixRecipe Draw(DeterministicRandom random, double minSnrDb, double maxSnrDb)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new MixRecipe(random.Pick(Enum.GetValues<NoiseColor>()), random.NextDouble(minSnrDb, maxSnrDb), random.NextDouble(0.3, 0.9), random.NextUInt64());
    }

    /// <summary>Adds the noise to <paramref name="clip"/> and scales it to the peak, in place.</summary>
    public void Apply(float[] clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        (int start, int length) = ActiveRegion.Find(clip, ActiveThreshold);
        double signalPower = ActiveRegion.Power(clip.AsSpan(start, length));
        if (signalPower == 0) throw new InvalidOperationException("the synthesised clip is silent; nothing to mix noise against");
        float[] noise = NoiseGenerator.Generate(Color, clip.Length, new DeterministicRandom(NoiseSeed));
        double noiseGain = Math.Sqrt(signalPower / Math.Pow(10, SnrDb / 10)); // unit-RMS noise → power P_s / 10^(SNR/10)
        float peak = 0;
        for (int i = 0; i < clip.Length; i++) peak = Math.Max(peak, Math.Abs(clip[i] += (float)(noiseGain * noise[i])));
        float gain = (float)(Peak / peak);
        for (int i = 0; i < clip.Length; i++) clip[i] *= gain;
    }

    /// <summary>"noise=pink snr=12.3dB peak=0.52".</summary>
    public override string ToString() =>
        FormattableString.Invariant($"noise={Color.ToString().ToLowerInvariant()} snr={SnrDb:0.0}dB peak={Peak:0.00}");
}
