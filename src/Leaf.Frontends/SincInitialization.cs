namespace Leaf.Frontends;

/// <summary>SincNet's initial cut-offs (docs/frontends.md "Baselines", reference <c>SincInit</c>).</summary>
public static class SincInitialization
{
    /// <summary>SincNet's mel scale: m(f) = 2595·log10(1 + f/700) (not the HTK 1127·ln form of the mel matrix).</summary>
    public static double HertzToMel(double hz) => 2595.0 * Math.Log10(1.0 + hz / 700.0);

    /// <summary>Inverse of <see cref="HertzToMel"/>: f = 700·(10^(m/2595) − 1).</summary>
    public static double MelToHertz(double mel) => 700.0 * (Math.Pow(10.0, mel / 2595.0) - 1.0);

    /// <summary>
    /// N+1 points evenly spaced in mel between <paramref name="minHz"/> and <paramref name="maxHz"/> (the reference's
    /// 50 Hz and 16000/2 − 100 = 7900 Hz): low = the first N points, band = the N gaps between consecutive points.
    /// Computed in double and rounded to float32, as the reference's numpy-then-cast does.
    /// </summary>
    /// <param name="filters">Number of band-pass filters N.</param>
    /// <param name="sampleRate">Sample rate; the range must lie below its Nyquist frequency.</param>
    /// <param name="minHz">First point (the reference's <c>min_low_hz</c>, 50 Hz).</param>
    /// <param name="maxHz">Last point (the reference's sr/2 − 100 Hz at 16 kHz).</param>
    public static (float[] Low, float[] Band) LowAndBand(int filters, int sampleRate, double minHz, double maxHz)
    {
        if (filters < 1) throw new ArgumentOutOfRangeException(nameof(filters), "at least one sinc filter is needed");
        if (!(minHz >= 0 && maxHz > minHz && maxHz <= sampleRate / 2.0))
            throw new ArgumentOutOfRangeException(nameof(maxHz), $"sinc range {minHz}..{maxHz} Hz must satisfy 0 <= min < max <= {sampleRate / 2.0}");
        double lo = HertzToMel(minHz), hi = HertzToMel(maxHz);
        var points = new double[filters + 1];
        for (int i = 0; i <= filters; i++) points[i] = MelToHertz(lo + (hi - lo) * i / filters);
        var low = new float[filters];
        var band = new float[filters];
        for (int i = 0; i < filters; i++)
        {
            low[i] = (float)points[i];
            band[i] = (float)(points[i + 1] - points[i]);
        }
        return (low, band);
    }
}
