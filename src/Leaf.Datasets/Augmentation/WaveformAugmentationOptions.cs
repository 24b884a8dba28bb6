namespace Leaf.Datasets.Augmentation;

/// <summary>
/// Random changes to each training example's waveform, as a different recording chain would make them: a time shift, a
/// random equaliser, background noise at a random signal-to-noise ratio and a random gain. Every draw comes from
/// (seed, epoch, file), so a run is reproducible and resumes exactly. Evaluation never augments. Each part is off at zero
/// strength; <see cref="None"/> (all off) is the identity. docs/accuracy.md measures what each part does.
/// </summary>
public sealed record WaveformAugmentationOptions
{
    /// <summary>Largest time shift in seconds, either way; the example moves by a uniform whole number of samples and the gap is zero (0: off).</summary>
    public double MaxShiftSeconds { get; init; }

    /// <summary>Probability that an example goes through a random equaliser (0: off).</summary>
    public double EqualizerProbability { get; init; }

    /// <summary>Peaking bands of the random equaliser (3), each with a log-uniform centre, a log-uniform Q in [0.7, 3] and a uniform gain.</summary>
    public int EqualizerBands { get; init; } = 3;

    /// <summary>Largest gain of an equaliser band in dB, boost or cut (10).</summary>
    public double EqualizerMaxGainDb { get; init; } = 10;

    /// <summary>Probability that white, pink or brown noise is mixed into an example (0: off).</summary>
    public double NoiseProbability { get; init; }

    /// <summary>Lowest signal-to-noise ratio of the mixed noise in dB (5).</summary>
    public double MinSnrDb { get; init; } = 5;

    /// <summary>Highest signal-to-noise ratio of the mixed noise in dB (30).</summary>
    public double MaxSnrDb { get; init; } = 30;

    /// <summary>Largest random gain in dB, up or down, applied after loudness normalisation (0: off).</summary>
    public double MaxGainDb { get; init; }

    /// <summary>No augmentation.</summary>
    public static WaveformAugmentationOptions None { get; } = new();

    /// <summary>Whether every part is off, so examples are left as they are.</summary>
    public bool IsIdentity => MaxShiftSeconds == 0 && EqualizerProbability == 0 && NoiseProbability == 0 && MaxGainDb == 0;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public WaveformAugmentationOptions Validated()
    {
        static void Require(bool ok, string what) { if (!ok) throw new ArgumentException(what); }
        Require(MaxShiftSeconds is >= 0 and <= 60, $"largest time shift {MaxShiftSeconds} s must be in [0, 60]");
        Require(EqualizerProbability is >= 0 and <= 1, $"equaliser probability {EqualizerProbability} must be in [0, 1]");
        Require(EqualizerBands is >= 1 and <= 16, $"equaliser bands {EqualizerBands} must be in 1..16");
        Require(EqualizerMaxGainDb is >= 0 and <= 40, $"equaliser gain {EqualizerMaxGainDb} dB must be in [0, 40]");
        Require(NoiseProbability is >= 0 and <= 1, $"noise probability {NoiseProbability} must be in [0, 1]");
        Require(MinSnrDb is >= -30 and <= 100 && MaxSnrDb is >= -30 and <= 100 && MinSnrDb <= MaxSnrDb,
            $"noise SNR range {MinSnrDb}..{MaxSnrDb} dB must lie in [-30, 100] with min ≤ max");
        Require(MaxGainDb is >= 0 and <= 40, $"largest random gain {MaxGainDb} dB must be in [0, 40]");
        return this;
    }
}
