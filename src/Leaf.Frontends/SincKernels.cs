namespace Leaf.Frontends;

/// <summary>
/// SincNet's band-pass impulse responses (docs/frontends.md "Baselines", reference <c>SincConv1D</c> + <c>impulse_responses.sinc_filters</c>),
/// computed in double precision. The TorchSharp module computes the same thing differentiably; the ONNX exporter freezes
/// these.
/// </summary>
public static class SincKernels
{
    /// <summary>Offset added to |low| for the lower cut-off (the reference's <c>min_low_hz</c>, 50 Hz).</summary>
    public const double MinLowHz = 50.0;

    /// <summary>Offset added to |band| for the bandwidth (the reference's <c>min_band_hz</c>, 50 Hz).</summary>
    public const double MinBandHz = 50.0;

    /// <summary>
    /// Cut-offs in Hz: f_lo = 50 + |low|, f_hi = clip(f_lo + 50 + |band|, 50, sr/2). At initialisation the first
    /// f_lo is 100 Hz because 50 Hz is added to the 50 Hz initial value, as in the original SincNet.
    /// </summary>
    public static (double Low, double High) Cutoffs(double low, double band, int sampleRate)
    {
        double lo = MinLowHz + Math.Abs(low);
        double hi = Math.Clamp(lo + MinBandHz + Math.Abs(band), MinLowHz, sampleRate / 2.0);
        return (lo, hi);
    }

    /// <summary>
    /// Time of tap k in seconds: t = (k − ⌊K/2⌋)/sr, i.e. −200…200 samples for K = 401. For even K (which the
    /// reference cannot build: its taps run to +K/2, one too many) this gives −K/2…K/2−1, as the Gabor kernels do.
    /// </summary>
    public static double TapTime(int tap, int windowLength, int sampleRate) => (tap - windowLength / 2) / (double)sampleRate;

    /// <summary>
    /// h_n[k] = w[k]·b_n[k] / max_k b_n[k], with the band-pass b_n(t) = 2f_hi·sinc(2πf_hi t) − 2f_lo·sinc(2πf_lo t)
    /// (sinc(x) = sin x / x, b(0) = 2(f_hi − f_lo)) and w the Hamming window of <see cref="Windows.SincHamming"/>.
    /// The reference hard-codes t = n/16000 whatever the sample rate; here t uses <paramref name="sampleRate"/>,
    /// which is identical at 16 kHz. Returns [N, K] row-major.
    /// </summary>
    public static double[] ImpulseResponses(ReadOnlySpan<float> low, ReadOnlySpan<float> band, int windowLength, int sampleRate)
    {
        int n = low.Length, k = windowLength;
        if (band.Length != n) throw new ArgumentException($"{n} low cut-offs but {band.Length} bands", nameof(band));
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(windowLength), $"window length {k} must be at least 2");
        double[] window = Windows.SincHamming(k);
        var h = new double[n * k];
        var row = new double[k];
        for (int f = 0; f < n; f++)
        {
            var (lo, hi) = Cutoffs(low[f], band[f], sampleRate);
            for (int i = 0; i < k; i++)
            {
                double t = TapTime(i, k, sampleRate);
                row[i] = LowPass(hi, t) - LowPass(lo, t);
            }
            double max = row.Max(); // normalised by the largest tap (the centre one for a proper band-pass)
            for (int i = 0; i < k; i++) h[f * k + i] = window[i] * row[i] / max;
        }
        return h;
    }

    // Ideal low-pass impulse response 2f·sinc(2πft), with its limit 2f at t = 0.
    private static double LowPass(double cutoff, double t)
    {
        if (t == 0) return 2 * cutoff;
        double x = 2 * Math.PI * cutoff * t;
        return 2 * cutoff * Math.Sin(x) / x;
    }
}
