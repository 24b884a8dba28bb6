namespace Leaf.Datasets.Synthesis;

/// <summary>Seeded coloured noise, zero-mean with unit RMS.</summary>
public static class NoiseGenerator
{
    /// <summary><paramref name="length"/> samples of <paramref name="color"/> noise drawn from <paramref name="random"/>, scaled to zero mean and unit RMS.</summary>
    public static float[] Generate(NoiseColor color, int length, DeterministicRandom random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentNullException.ThrowIfNull(random);
        double[] white = new double[length];
        for (int i = 0; i < length; i++) white[i] = random.NextGaussian();
        double[] noise = color switch
        {
            NoiseColor.White => white,
            NoiseColor.Pink => Pink(white),
            NoiseColor.Brown => Brown(white),
            _ => throw new ArgumentOutOfRangeException(nameof(color), color, "unknown noise colour"),
        };
        return Standardise(noise);
    }

    /// <summary>
    /// 1/f noise: white noise through a sum of six first-order lowpass sections with poles spread over the audio band
    /// plus a direct term (P. Kellett's "refined" pink filter, accurate to ±0.05 dB above 9.2 Hz at 44.1 kHz).
    /// </summary>
    private static double[] Pink(double[] white)
    {
        ReadOnlySpan<double> poles = [0.99886, 0.99332, 0.96900, 0.86650, 0.55000, -0.7616];
        ReadOnlySpan<double> gains = [0.0555179, 0.0750759, 0.1538520, 0.3104856, 0.5329522, -0.0168980];
        Span<double> state = stackalloc double[6];
        var pink = new double[white.Length];
        double previous = 0;
        for (int i = 0; i < white.Length; i++)
        {
            double w = white[i], sum = 0;
            for (int k = 0; k < state.Length; k++) sum += state[k] = poles[k] * state[k] + gains[k] * w;
            pink[i] = sum + previous + 0.5362 * w;
            previous = 0.115926 * w;
        }
        return pink;
    }

    /// <summary>Brown noise: a leaky integral y[n] = 0.998·y[n−1] + w[n] (the leak keeps it from drifting; −6 dB/octave above ~5 Hz at 16 kHz).</summary>
    private static double[] Brown(double[] white)
    {
        var brown = new double[white.Length];
        double y = 0;
        for (int i = 0; i < white.Length; i++) brown[i] = y = 0.998 * y + white[i];
        return brown;
    }

    /// <summary>(x − mean) / rms; all zeros stay zeros.</summary>
    private static float[] Standardise(double[] x)
    {
        double mean = x.Length == 0 ? 0 : x.Average();
        double rms = Math.Sqrt(x.Length == 0 ? 0 : x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        return [.. x.Select(v => rms > 0 ? (float)((v - mean) / rms) : 0f)];
    }
}
