using System.Numerics;
using Leaf.Frontends;

namespace Leaf.Onnx.Tests;

/// <summary>
/// LEAF evaluated in double precision straight from its definition (docs/frontends.md "Reference behaviour and pitfalls"), with the same frozen float32 kernels the graph
/// uses: the yardstick that tells float32 rounding in the golden data from errors in the export.
/// </summary>
internal static class LeafReference
{
    /// <summary>Pooled energies [N, ⌈T/S⌉] (channel-major) before the floor.</summary>
    public static double[] PooledEnergies(float[] waveform, FrontendDescription description)
    {
        var d = description.WithInitialParameters();
        int n = d.FilterCount, k = d.WindowLength, stride = d.Stride, length = waveform.Length;
        var (re, im) = GaborKernels.ImpulseResponses(d.Values(ParameterNames.GaborCenter), d.Values(ParameterNames.GaborWidth), k);
        float[] windows = GaussianLowpassWindow.Windows(d.Values(ParameterNames.PoolingWidth), k);
        var (convLeft, _) = FrameMath.SamePadding(1, k, 1);
        double[] padded = new double[length + k];
        for (int i = 0; i < length; i++) padded[convLeft + i] = waveform[i];
        int frames = FrameMath.SameOutputLength(length, stride);
        var (poolLeft, _) = FrameMath.SamePadding(length, k, stride);
        var pooled = new double[n * frames];
        Parallel.For(0, n, c =>
        {
            double[] real = Array.ConvertAll(re[(c * k)..((c + 1) * k)], v => (double)v);
            double[] imag = Array.ConvertAll(im[(c * k)..((c + 1) * k)], v => (double)v);
            var energy = new double[length];
            for (int t = 0; t < length; t++)
            {
                var segment = padded.AsSpan(t, k); // y[t] = Σ_j x[t + j − left]·φ[j] (cross-correlation)
                double a = Dot(segment, real), b = Dot(segment, imag);
                energy[t] = a * a + b * b;
            }
            for (int f = 0; f < frames; f++)
            {
                double sum = 0;
                for (int j = 0; j < k; j++)
                {
                    int t = f * stride + j - poolLeft;
                    if (t >= 0 && t < length) sum += energy[t] * windows[c * k + j];
                }
                pooled[c * frames + f] = sum;
            }
        });
        return pooled;
    }

    /// <summary>The recursion M[0] = E[0], M[t] = s·E[t] + (1 − s)·M[t−1] per channel of [channels, frames], s clipped to [0, 1].</summary>
    public static double[] MovingAverage(ReadOnlySpan<float> energies, int channels, float[] smoothing)
    {
        int frames = energies.Length / channels;
        var m = new double[energies.Length];
        for (int c = 0; c < channels; c++)
        {
            double s = Math.Clamp(smoothing[smoothing.Length == 1 ? 0 : c], 0f, 1f);
            m[c * frames] = energies[c * frames];
            for (int t = 1; t < frames; t++) m[c * frames + t] = s * energies[c * frames + t] + (1 - s) * m[c * frames + t - 1];
        }
        return m;
    }

    /// <summary>The whole LEAF output [N, frames] (channel-major): pooled energies, floor, sPCEN.</summary>
    public static double[] Leaf(float[] waveform, FrontendDescription description) => Compress(PooledEnergies(waveform, description), description);

    /// <summary>The floor and sPCEN applied to pooled energies [N, frames].</summary>
    public static double[] Compress(double[] pooled, FrontendDescription description)
    {
        var d = description.WithInitialParameters();
        int n = d.FilterCount;
        double[] e = Array.ConvertAll(pooled, v => Math.Max(v, d.EnergyFloor));
        int frames = e.Length / n;
        float[] alpha = d.Values(ParameterNames.PcenAlpha), delta = d.Values(ParameterNames.PcenDelta), root = d.Values(ParameterNames.PcenRoot);
        float[] smoothing = d.Values(ParameterNames.PcenSmoothing);
        var y = new double[e.Length];
        for (int c = 0; c < n; c++)
        {
            double s = Math.Clamp(smoothing[smoothing.Length == 1 ? 0 : c], 0f, 1f), a = Math.Min(alpha[c], 1.0), r = 1.0 / Math.Max(root[c], 1.0);
            double m = e[c * frames];
            for (int t = 0; t < frames; t++)
            {
                double x = e[c * frames + t];
                if (t > 0) m = s * x + (1 - s) * m;
                y[c * frames + t] = Math.Pow(x / Math.Pow(d.Pcen.Floor + m, a) + delta[c], r) - Math.Pow(delta[c], r);
            }
        }
        return y;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var acc = Vector<double>.Zero;
        int i = 0;
        for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
            acc += new Vector<double>(a[i..]) * new Vector<double>(b[i..]);
        double sum = Vector.Sum(acc);
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
