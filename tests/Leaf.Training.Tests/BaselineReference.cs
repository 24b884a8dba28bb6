using Leaf.Frontends;
using Leaf.Training.Frontends.Baselines;

namespace Leaf.Training.Tests;

/// <summary>
/// Independent float64 re-computations of the baselines with plain loops (no TorchSharp), written from docs/frontends.md "Baselines"
/// formulas: direct DFTs, direct convolutions, explicit TF padding. Outputs are [frames, N].
/// </summary>
internal static class BaselineReference
{
    /// <summary>docs/frontends.md "Baselines": tf.signal.stft (Hann with denominator L−1 for odd L, pad_end) → |·|² → mel → log(x + 1e-5).</summary>
    public static double[,] Mel(double[] x, FrontendDescription d)
    {
        int l = d.WindowLength, s = d.Stride, fft = d.FftSize, bins = fft / 2 + 1;
        int frames = (x.Length + s - 1) / s;
        float[,] mel = MelFilterbank.Weights(d.FilterCount, fft, d.SampleRate, d.MinFrequency, d.MaxFrequency);
        var y = new double[frames, d.FilterCount];
        var power = new double[bins];
        for (int i = 0; i < frames; i++)
        {
            for (int k = 0; k < bins; k++)
            {
                double re = 0, im = 0;
                for (int n = 0; n < l; n++)
                {
                    int at = i * s + n;
                    if (at >= x.Length) break; // zero padding at the end
                    double v = x[at] * (0.5 - 0.5 * Math.Cos(2 * Math.PI * n / (l - 1)));
                    re += v * Math.Cos(2 * Math.PI * k * n / fft);
                    im -= v * Math.Sin(2 * Math.PI * k * n / fft);
                }
                power[k] = re * re + im * im;
            }
            for (int m = 0; m < d.FilterCount; m++)
            {
                double e = 0;
                for (int k = 0; k < bins; k++) e += power[k] * mel[m, k];
                y[i, m] = Math.Log(e + 1e-5);
            }
        }
        return y;
    }

    /// <summary>docs/frontends.md "Baselines": SAME conv with interleaved re/im rows → Re² + Im² → VALID shared-window pooling → floor → log.</summary>
    public static double[,] TdFilterbanks(double[] x, float[] weight, float[] window, int filters, int stride, double floor)
    {
        int k = window.Length;
        var channels = new double[2 * filters][];
        for (int c = 0; c < 2 * filters; c++) channels[c] = SameConv(x, weight.AsSpan(c * k, k).ToArray().Select(v => (double)v).ToArray());
        int frames = (x.Length - k) / stride + 1;
        var y = new double[frames, filters];
        for (int n = 0; n < filters; n++)
            for (int i = 0; i < frames; i++)
            {
                double e = 0;
                for (int j = 0; j < k; j++)
                {
                    double re = channels[2 * n][i * stride + j], im = channels[2 * n + 1][i * stride + j];
                    e += window[j] * (re * re + im * im);
                }
                y[i, n] = Math.Log(Math.Max(e, floor) + 1e-5);
            }
        return y;
    }

    /// <summary>docs/frontends.md "Baselines": sinc conv → LeakyReLU(0.2) → SAME max pool over real samples only → floor → layer norm (ε 1e-3).</summary>
    public static double[,] SincNet(double[] x, float[] low, float[] band, int k, int stride, int sampleRate, float[] gamma, float[] beta)
    {
        int filters = low.Length, frames = (x.Length + stride - 1) / stride;
        var (left, _) = FrameMath.SamePadding(x.Length, k, stride);
        var pooled = new double[frames, filters];
        var activated = SincActivations(x, low, band, k, sampleRate);
        for (int n = 0; n < filters; n++)
            for (int i = 0; i < frames; i++)
            {
                double max = double.NegativeInfinity;
                for (int j = 0; j < k; j++)
                {
                    int at = i * stride + j - left;
                    if (at >= 0 && at < x.Length) max = Math.Max(max, activated[n][at]);
                }
                pooled[i, n] = Math.Max(max, 1e-5);
            }
        var y = new double[frames, filters];
        for (int i = 0; i < frames; i++)
        {
            double mean = 0, variance = 0;
            for (int n = 0; n < filters; n++) mean += pooled[i, n] / filters;
            for (int n = 0; n < filters; n++) variance += (pooled[i, n] - mean) * (pooled[i, n] - mean) / filters;
            for (int n = 0; n < filters; n++) y[i, n] = (pooled[i, n] - mean) / Math.Sqrt(variance + 1e-3) * gamma[n] + beta[n];
        }
        return y;
    }

    /// <summary>
    /// docs/frontends.md "Baselines": sinc conv → LeakyReLU(0.2) → Gaussian windows with zero SAME padding → floor → PCEN with a scalar s,
    /// M[0] = E[0], M[t] = s·E[t] + (1 − s)·M[t−1], Y = (E/(ε + M)^α + δ)^(1/r) − δ^(1/r).
    /// </summary>
    public static double[,] SincNetPlus(double[] x, float[] low, float[] band, float[] widths, int k, int stride, int sampleRate, PcenOptions pcen)
    {
        int filters = low.Length, frames = (x.Length + stride - 1) / stride;
        var (left, _) = FrameMath.SamePadding(x.Length, k, stride);
        // w_n[j] = exp(−½((j − (K−1)/2)/(σ̃_n(K−1)/2))²), σ̃_n = clip(p_n, 2/K, 0.5)
        double half = (k - 1) / 2.0;
        var windows = new double[filters * k];
        for (int n = 0; n < filters; n++)
            for (int j = 0; j < k; j++)
                windows[n * k + j] = Math.Exp(-0.5 * Math.Pow((j - half) / (Math.Clamp(widths[n], 2.0 / k, 0.5) * half), 2));
        var activated = SincActivations(x, low, band, k, sampleRate);
        // The module stores the PCEN values as float32 parameters.
        double alpha = (float)pcen.Alpha, delta = (float)pcen.Delta, root = 1 / (double)(float)pcen.Root, s = (float)pcen.Smoothing;
        var y = new double[frames, filters];
        for (int n = 0; n < filters; n++)
        {
            double smoothed = 0;
            for (int i = 0; i < frames; i++)
            {
                double e = 0;
                for (int j = 0; j < k; j++)
                {
                    int at = i * stride + j - left;
                    if (at >= 0 && at < x.Length) e += windows[n * k + j] * activated[n][at];
                }
                e = Math.Max(e, 1e-5);
                smoothed = i == 0 ? e : s * e + (1 - s) * smoothed;
                y[i, n] = Math.Pow(e / Math.Pow(pcen.Floor + smoothed, alpha) + delta, root) - Math.Pow(delta, root);
            }
        }
        return y;
    }

    /// <summary>y[m] = Σ_k x[m + k − pad_left]·h[k] with zeros outside x (TF SAME, stride 1).</summary>
    public static double[] SameConv(double[] x, double[] h)
    {
        int left = FrameMath.SamePadding(x.Length, h.Length, 1).Left;
        var y = new double[x.Length];
        for (int m = 0; m < x.Length; m++)
        {
            double acc = 0;
            for (int j = 0; j < h.Length; j++)
            {
                int at = m + j - left;
                if (at >= 0 && at < x.Length) acc += x[at] * h[j];
            }
            y[m] = acc;
        }
        return y;
    }

    private static double[][] SincActivations(double[] x, float[] low, float[] band, int k, int sampleRate)
    {
        double[] kernels = SincKernels.ImpulseResponses(low, band, k, sampleRate);
        return Enumerable.Range(0, low.Length)
            .Select(n => SameConv(x, kernels.AsSpan(n * k, k).ToArray()).Select(v => v >= 0 ? v : 0.2 * v).ToArray())
            .ToArray();
    }
}
