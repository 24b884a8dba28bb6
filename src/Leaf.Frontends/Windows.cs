namespace Leaf.Frontends;

/// <summary>The window functions of the baselines, exactly as the reference computes them (docs/frontends.md "Baselines").</summary>
public static class Windows
{
    /// <summary>
    /// <c>tf.signal.hann_window(length, periodic)</c>: 0.5 − 0.5·cos(2πn/D) for n = 0…length−1, with
    /// D = length − 1 + (periodic and length even ? 1 : 0). TF's "periodic" flag only changes even lengths, so the
    /// 401-sample window of <c>tf.signal.stft</c> is the symmetric Hann (D = 400). Length 1 gives [1].
    /// </summary>
    public static double[] TfHann(int length, bool periodic = true)
    {
        RequirePositive(length);
        if (length == 1) return [1.0];
        int denominator = length - 1 + (periodic && length % 2 == 0 ? 1 : 0);
        return Generate(length, n => 0.5 - 0.5 * Math.Cos(2 * Math.PI * n / denominator));
    }

    /// <summary>
    /// The reference's <c>utils.window(SQUARED_HANNING, K)</c>, TD-filterbanks' initial pooling window:
    /// (0.5·(1 − cos(2π(n−1)/(K−1))))² for n = 0…K−1. The n−1 shift (an off-by-one in the reference) puts the zero at
    /// n = 1 and the peak at n = (K+1)/2, one sample right of centre; it is kept on purpose.
    /// </summary>
    public static double[] SquaredHannReference(int length)
    {
        RequirePositive(length, minimum: 2);
        return Generate(length, n =>
        {
            double hann = 0.5 * (1 - Math.Cos(2 * Math.PI * (n - 1) / (length - 1)));
            return hann * hann;
        });
    }

    /// <summary>
    /// SincNet's Hamming window (reference <c>utils.window(HAMMING, K)</c>): 0.54 − 0.46·cos(2πn/K) for n = 0…K−1,
    /// the "periodic" form, so it is not symmetric about the centre tap.
    /// </summary>
    public static double[] SincHamming(int length)
    {
        RequirePositive(length);
        return Generate(length, n => 0.54 - 0.46 * Math.Cos(2 * Math.PI * n / length));
    }

    private static double[] Generate(int length, Func<int, double> value)
    {
        var w = new double[length];
        for (int n = 0; n < length; n++) w[n] = value(n);
        return w;
    }

    private static void RequirePositive(int length, int minimum = 1)
    {
        if (length < minimum) throw new ArgumentOutOfRangeException(nameof(length), $"window length {length} must be at least {minimum}");
    }
}
