namespace Leaf.Datasets.Augmentation;

/// <summary>
/// A second-order peaking equaliser section (R. Bristow-Johnson, "Cookbook formulae for audio EQ biquad filter
/// coefficients"): gain <c>gainDb</c> at the centre frequency, 0 dB far from it, bandwidth set by Q.
/// </summary>
public static class PeakingEqualizer
{
    /// <summary>The normalised coefficients (b0, b1, b2, a1, a2), a0 = 1, of a peaking section.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The centre is not inside (0, sampleRate/2) or Q is not positive.</exception>
    public static (double B0, double B1, double B2, double A1, double A2) Coefficients(double centerHz, double q, double gainDb, int sampleRate)
    {
        if (!(centerHz > 0 && centerHz < sampleRate / 2.0)) throw new ArgumentOutOfRangeException(nameof(centerHz), centerHz, "centre must be inside (0, Nyquist)");
        if (!(q > 0)) throw new ArgumentOutOfRangeException(nameof(q), q, "Q must be positive");
        double a = Math.Pow(10, gainDb / 40);                 // amplitude: √ of the linear gain
        double w0 = 2 * Math.PI * centerHz / sampleRate;
        double alpha = Math.Sin(w0) / (2 * q), cos = Math.Cos(w0);
        double a0 = 1 + alpha / a;
        return ((1 + alpha * a) / a0, -2 * cos / a0, (1 - alpha * a) / a0, -2 * cos / a0, (1 - alpha / a) / a0);
    }

    /// <summary>Filters <paramref name="signal"/> in place through the section (transposed direct form II, double-precision state, zero initial state).</summary>
    public static void Apply(Span<float> signal, (double B0, double B1, double B2, double A1, double A2) c)
    {
        double s1 = 0, s2 = 0;
        for (int n = 0; n < signal.Length; n++)
        {
            double x = signal[n], y = c.B0 * x + s1;
            s1 = c.B1 * x - c.A1 * y + s2;
            s2 = c.B2 * x - c.A2 * y;
            signal[n] = (float)y;
        }
    }
}
