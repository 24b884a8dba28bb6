using Leaf.Frontends;

namespace Leaf.Frontends.Tests;

/// <summary>The baselines' pure math (docs/frontends.md "Baselines", "Gabor filterbank") from first principles.</summary>
public class BaselineMathTests
{
    [Fact]
    public void TfHannIsSymmetricForOddLengthsAndPeriodicForEvenOnes()
    {
        // tf.signal.hann_window's "periodic" adds 1 to the denominator only for even lengths.
        double[] odd = Windows.TfHann(401);
        Assert.Equal(0.0, odd[0], 15);
        Assert.Equal(1.0, odd[200], 15);
        Assert.Equal(0.0, odd[400], 15);
        for (int n = 0; n < 401; n++) Assert.Equal(odd[n], odd[400 - n], 12);
        Assert.Equal(0.5 - 0.5 * Math.Cos(2 * Math.PI * 37 / 400), odd[37], 15);

        Assert.Equal([0.0, 0.5, 1.0, 0.5], Windows.TfHann(4), new DoubleTolerance(1e-15));
        Assert.Equal([0.0, 0.75, 0.75, 0.0], Windows.TfHann(4, periodic: false), new DoubleTolerance(1e-15));
        Assert.Equal([1.0], Windows.TfHann(1));
    }

    [Fact]
    public void SquaredHannKeepsTheReferenceOffByOne()
    {
        double[] w = Windows.SquaredHannReference(401);
        Assert.Equal(0.0, w[1], 15);                      // zero at n = 1, not n = 0
        Assert.Equal(1.0, w[201], 15);                    // peak one sample right of the centre tap 200
        Assert.Equal(201, Array.IndexOf(w, w.Max()));
        double first = 0.5 * (1 - Math.Cos(2 * Math.PI / 400));
        Assert.Equal(first * first, w[0], 15);            // n = 0 sees hann(−1) = hann(1)
        Assert.Equal(w[0], w[2], 15);
        for (int n = 2; n <= 201; n++) Assert.Equal(w[n], w[402 - n], 12); // symmetric about n = 201
        Assert.True(w[400] > 0 && w[400] < 1e-3);
    }

    [Fact]
    public void SincHammingIsThePeriodicForm()
    {
        double[] w = Windows.SincHamming(401);
        Assert.Equal(0.08, w[0], 15);
        Assert.Equal(0.54 - 0.46 * Math.Cos(2 * Math.PI * 200 / 401), w[200], 15);
        for (int n = 1; n < 401; n++) Assert.Equal(w[n], w[401 - n], 12); // symmetric about K/2 = 200.5, not about 200
        Assert.True(w[200] < 1.0 && w[201] < 1.0 && Math.Abs(w[200] - w[201]) < 1e-12);
    }

    [Fact]
    public void WindowsRejectBadLengths()
    {
        Assert.Contains("window length 0", Assert.Throws<ArgumentOutOfRangeException>(() => Windows.TfHann(0)).Message);
        Assert.Contains("at least 2", Assert.Throws<ArgumentOutOfRangeException>(() => Windows.SquaredHannReference(1)).Message);
    }

    [Fact]
    public void SincInitialisationIsMelSpacedFrom50To7900Hz()
    {
        var d = FrontendDescription.Default(FrontendKind.SincNet);
        var (low, band) = SincInitialization.LowAndBand(d.FilterCount, d.SampleRate, d.MinFrequency, d.MaxFrequency);
        Assert.Equal(40, low.Length);
        Assert.Equal(50.0, low[0], 3);
        Assert.Equal(7900.0, low[^1] + (double)band[^1], 1e-2);
        // 41 points equally spaced on 2595·log10(1 + f/700): every gap is (mel(7900) − mel(50))/40.
        double step = (2595 * Math.Log10(1 + 7900 / 700.0) - 2595 * Math.Log10(1 + 50 / 700.0)) / 40;
        for (int i = 0; i < 40; i++)
        {
            double lowMel = 2595 * Math.Log10(1 + low[i] / 700.0);
            double highMel = 2595 * Math.Log10(1 + (low[i] + (double)band[i]) / 700.0);
            Assert.Equal(step, highMel - lowMel, 1e-3);
            if (i > 0) Assert.Equal(low[i - 1] + (double)band[i - 1], low[i], 1e-3 * low[i]);
        }
        // The reference adds 50 Hz to |low| again: the effective first lower cut-off is 100 Hz.
        var (lo, hi) = SincKernels.Cutoffs(low[0], band[0], d.SampleRate);
        Assert.Equal(100.0, lo, 3);
        Assert.Equal(50.0 + low[0] + 50.0 + band[0], hi, 3);
    }

    [Fact]
    public void SincCutoffsClipAtNyquist()
    {
        var (lo, hi) = SincKernels.Cutoffs(-7000, 5000, 16000);
        Assert.Equal(7050, lo);
        Assert.Equal(8000, hi);
        Assert.Throws<ArgumentOutOfRangeException>(() => SincInitialization.LowAndBand(40, 16000, 50, 8100));
    }

    [Fact]
    public void SincFiltersPeakAtOneBeforeTheWindowAndPassTheirBand()
    {
        float[] low = [450f, 1950f], band = [500f, 1000f];
        const int k = 401, sr = 16000;
        double[] h = SincKernels.ImpulseResponses(low, band, k, sr);
        double[] w = Windows.SincHamming(k);
        for (int f = 0; f < 2; f++)
        {
            var raw = Enumerable.Range(0, k).Select(i => h[f * k + i] / w[i]).ToArray();
            Assert.Equal(1.0, raw.Max(), 12);
            Assert.Equal(200, Array.IndexOf(raw, raw.Max())); // the centre tap, t = 0
            for (int i = 0; i < k; i++) Assert.Equal(raw[i], raw[k - 1 - i], 9); // the band-pass is even in t

            var (lo, hi) = SincKernels.Cutoffs(low[f], band[f], sr);
            double inBand = Magnitude(h.AsSpan(f * k, k), (lo + hi) / 2, sr);
            Assert.True(inBand > 20 * Magnitude(h.AsSpan(f * k, k), lo / 4, sr), $"filter {f}: stop band below {lo} Hz");
            Assert.True(inBand > 20 * Magnitude(h.AsSpan(f * k, k), hi + 1000, sr), $"filter {f}: stop band above {hi} Hz");
            // In the pass band the (unnormalised) ideal band-pass has gain 1, so the normalised one has gain 1/(2(f_hi − f_lo)/sr).
            Assert.Equal(sr / (2 * (hi - lo)), inBand, 0.05 * sr / (2 * (hi - lo)));
        }
    }

    [Fact]
    public void SincFiltersUseAHalfOpenTimeAxisForEvenLengths()
    {
        double[] h = SincKernels.ImpulseResponses([100f], [300f], 400, 16000);
        double[] w = Windows.SincHamming(400);
        Assert.Equal(w[200], h[200], 12); // t = 0 is tap K/2: taps run from −200 to 199
        Assert.Equal(-200 / 16000.0, SincKernels.TapTime(0, 400, 16000));
        Assert.Equal(199 / 16000.0, SincKernels.TapTime(399, 400, 16000));
    }

    [Fact]
    public void TdFilterbankKernelsAreScaledGaborKernels()
    {
        var d = FrontendDescription.Default(FrontendKind.TdFilterbanks);
        var p = TdFilterbankInitialization.Parameters(d);
        var weight = p[ParameterNames.ConvWeight];
        Assert.Equal([80, 401], weight.Shape);
        Assert.Equal([401], p[ParameterNames.PoolingWindow].Shape);
        Assert.Equal(Windows.SquaredHannReference(401).Select(v => (float)v), p[ParameterNames.PoolingWindow].Values);

        var (center, width) = GaborInitialization.MelMatched(40, 16000, 60, 7800, 512);
        var (re, im) = GaborKernels.ImpulseResponses(center, width, 401);
        float[,] mel = MelFilterbank.Weights(40, 512, 16000, 60, 7800);
        for (int n = 0; n < 40; n++)
        {
            // area = peak·(#nonzero bins + 2)·π/n_fft, from the mel triangle itself.
            var row = Enumerable.Range(0, 257).Select(b => (double)mel[n, b]).ToArray();
            double area = row.Max() * (row.Count(v => v > 0) + 2) * Math.PI / 512;
            double scale = Math.Sqrt(area * 2 * Math.Sqrt(Math.PI) * width[n]);
            double energy = 0;
            for (int i = 0; i < 401; i++)
            {
                double r = weight.Values[2 * n * 401 + i], m = weight.Values[(2 * n + 1) * 401 + i];
                Assert.Equal(scale * re[n * 401 + i], r, 1e-6 * scale);
                Assert.Equal(scale * im[n * 401 + i], m, 1e-6 * scale);
                energy += r * r + m * m;
            }
            // Σ|φ|² = 1/(2√π·σ) for an untruncated Gabor, so the scaled filter's energy is the mel area.
            Assert.Equal(area, energy, (n == 0 ? 0.01 : 1e-4) * area);
        }
    }

    [Fact]
    public void BaselineDescriptionsRoundTripThroughJson()
    {
        foreach (var kind in new[] { FrontendKind.Mel, FrontendKind.TdFilterbanks, FrontendKind.SincNet, FrontendKind.SincNetPlus })
        {
            var d = FrontendDescription.Default(kind).WithInitialParameters();
            var back = FrontendDescription.FromJson(d.ToJson());
            Assert.Equal(d.Parameters.Keys, back.Parameters.Keys);
            foreach (var (name, value) in d.Parameters) Assert.Equal(value, back.Parameters[name]);
        }
        var td = FrontendDescription.Default(FrontendKind.TdFilterbanks).WithInitialParameters();
        Assert.Equal(32_481, td.Parameters.Values.Sum(p => p.ElementCount));
        Assert.Equal(51_729, (FrontendDescription.Default(FrontendKind.TdFilterbanks) with { FilterCount = 64 }).WithInitialParameters()
            .Parameters.Values.Sum(p => p.ElementCount));
        var sinc = FrontendDescription.Default(FrontendKind.SincNet).WithInitialParameters();
        Assert.Equal(160, sinc.Parameters.Values.Sum(p => p.ElementCount));
    }

    private static double Magnitude(ReadOnlySpan<double> h, double hz, int sampleRate)
    {
        double re = 0, im = 0, omega = 2 * Math.PI * hz / sampleRate;
        for (int i = 0; i < h.Length; i++)
        {
            re += h[i] * Math.Cos(omega * i);
            im -= h[i] * Math.Sin(omega * i);
        }
        return Math.Sqrt(re * re + im * im);
    }

    private sealed class DoubleTolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
