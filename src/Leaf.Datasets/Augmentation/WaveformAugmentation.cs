using Leaf.Datasets.Synthesis;

namespace Leaf.Datasets.Augmentation;

/// <summary>
/// Applies <see cref="WaveformAugmentationOptions"/> to one training example: shift → equaliser → noise (before loudness
/// normalisation, as they would happen in a recording) and gain (after it, since normalisation would undo it). Each step
/// draws from the example's own <see cref="DeterministicRandom"/>, in a fixed order, so the result depends only on
/// (seed, epoch, file).
/// </summary>
public static class WaveformAugmentation
{
    // Salt that separates the augmentation stream of (seed, epoch, file) from the crop offset's.
    private const long StreamKey = 0x41756721;

    private static readonly NoiseColor[] Colors = [NoiseColor.White, NoiseColor.Pink, NoiseColor.Brown];

    /// <summary>The random stream of file <paramref name="fileIndex"/>'s augmentation in epoch <paramref name="epoch"/>.</summary>
    public static DeterministicRandom Stream(int seed, int epoch, int fileIndex) => DeterministicRandom.For(seed, epoch, fileIndex, StreamKey);

    /// <summary>Shifts, equalises and adds noise to <paramref name="example"/> in place (the steps before loudness normalisation).</summary>
    public static void BeforeNormalisation(float[] example, WaveformAugmentationOptions options, int sampleRate, DeterministicRandom random)
    {
        if (options.MaxShiftSeconds > 0)
        {
            int most = (int)Math.Round(options.MaxShiftSeconds * sampleRate);
            Shift(example, random.NextInt(-most, most));
        }
        if (options.EqualizerProbability > 0 && random.NextDouble() < options.EqualizerProbability)
            for (int band = 0; band < options.EqualizerBands; band++)
                PeakingEqualizer.Apply(example, RandomBand(options, sampleRate, random));
        if (options.NoiseProbability > 0 && random.NextDouble() < options.NoiseProbability)
        {
            double snrDb = random.NextDouble(options.MinSnrDb, options.MaxSnrDb);
            AddNoise(example, NoiseGenerator.Generate(random.Pick(Colors), example.Length, random), snrDb);
        }
    }

    /// <summary>Scales <paramref name="example"/> in place by a random gain (the step after loudness normalisation).</summary>
    public static void AfterNormalisation(float[] example, WaveformAugmentationOptions options, DeterministicRandom random)
    {
        if (options.MaxGainDb <= 0) return;
        float gain = (float)Math.Pow(10, random.NextDouble(-options.MaxGainDb, options.MaxGainDb) / 20);
        for (int i = 0; i < example.Length; i++) example[i] *= gain;
    }

    /// <summary>Moves the samples by <paramref name="shift"/> (later when positive), filling the gap with zeros.</summary>
    public static void Shift(Span<float> signal, int shift)
    {
        if (shift == 0) return;
        int n = signal.Length, moved = Math.Max(0, n - Math.Abs(shift));
        if (shift > 0) signal[..moved].CopyTo(signal[shift..]);   // overlapping copies are handled as memmove
        else signal[^moved..].CopyTo(signal);
        (shift > 0 ? signal[..Math.Min(shift, n)] : signal[moved..]).Clear();
    }

    /// <summary>Adds <paramref name="noise"/> (unit RMS) scaled so that the signal's power over the noise's is <paramref name="snrDb"/>; a silent signal is left alone.</summary>
    public static void AddNoise(Span<float> signal, ReadOnlySpan<float> noise, double snrDb)
    {
        double power = 0;
        foreach (float x in signal) power += (double)x * x;
        power /= Math.Max(signal.Length, 1);
        if (power <= 0) return;
        float scale = (float)Math.Sqrt(power / Math.Pow(10, snrDb / 10));   // SNR = 10 log10(P_signal / P_noise), P_noise = scale² for unit-RMS noise
        for (int i = 0; i < signal.Length; i++) signal[i] += scale * noise[i];
    }

    // One peaking band: centre log-uniform in [60 Hz, 0.45·sr], Q log-uniform in [0.7, 3], gain uniform in ±max dB.
    private static (double, double, double, double, double) RandomBand(WaveformAugmentationOptions options, int sampleRate, DeterministicRandom random)
    {
        double center = Math.Exp(random.NextDouble(Math.Log(60), Math.Log(0.45 * sampleRate)));
        double q = Math.Exp(random.NextDouble(Math.Log(0.7), Math.Log(3)));
        double gainDb = random.NextDouble(-options.EqualizerMaxGainDb, options.EqualizerMaxGainDb);
        return PeakingEqualizer.Coefficients(center, q, gainDb, sampleRate);
    }
}
