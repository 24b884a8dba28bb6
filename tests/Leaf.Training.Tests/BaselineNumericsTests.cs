using Leaf.Frontends;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Baselines;
using Leaf.Training.Frontends.Filterbanks;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>The baselines' outputs against <see cref="BaselineReference"/>'s independent float64 loops.</summary>
public class BaselineNumericsTests
{
    [Fact]
    public void MelMatchesADirectDftForAToneAndForNoise()
    {
        var d = FrontendDescription.Default(FrontendKind.Mel);
        var tone = Tone1kHz();
        var noise = Noise(16001, 11, 0.3); // T mod 160 = 1: the last frame is mostly padding
        using var module = new MelFilterbanks(d);
        foreach (var x in new[] { tone, noise })
        {
            var expected = BaselineReference.Mel(x, d);
            // float32: relative error ≤ 1e-5 of each energy, plus the cancellation floor of float32 sums (~1e-7 of the frame's peak).
            var actual = Run(module, x);
            for (int i = 0; i < expected.GetLength(0); i++)
            {
                double peak = Enumerable.Range(0, 40).Max(n => Math.Exp(expected[i, n]));
                for (int n = 0; n < 40; n++)
                {
                    double e = Math.Exp(expected[i, n]), a = Math.Exp(actual[i, n]);
                    Assert.True(Math.Abs(a - e) <= 1e-5 * e + 1e-7 * peak, $"frame {i}, band {n}: {a - 1e-5} vs {e - 1e-5} (frame peak {peak})");
                }
            }
            AssertClose(Run(module, x, float64), expected, 1e-9, "float64 mel deviates from the DFT"); // computes in the input's dtype
        }
    }

    [Fact]
    public void MelOfA1kHzTonePeaksInTheBandContaining1kHz()
    {
        var d = FrontendDescription.Default(FrontendKind.Mel);
        using var module = new MelFilterbanks(d);
        var y = Run(module, Tone1kHz());
        float[,] mel = MelFilterbank.Weights(40, 512, 16000, 60, 7800);
        int bin = 1000 * 512 / 16000; // 1 kHz is bin 32 exactly
        int band = Enumerable.Range(0, 40).MaxBy(n => mel[n, bin]);
        Assert.Equal(band, Enumerable.Range(0, 40).MaxBy(n => y[50, n]));
        Assert.True(y[50, band] > y[50, 0] + 10, "the tone's band is not far above the lowest band");
    }

    [Fact]
    public void TdFilterbanksMatchDirectConvolutionAndPooling()
    {
        var d = BaselineTests.Perturb(FrontendDescription.Default(FrontendKind.TdFilterbanks).WithInitialParameters());
        var x = Noise(1200, 5, 0.2);
        var expected = BaselineReference.TdFilterbanks(x, d.Values(ParameterNames.ConvWeight), d.Values(ParameterNames.PoolingWindow), 40, 160, 1e-5);
        Assert.Equal(5, expected.GetLength(0)); // ⌊(1200 − 401)/160⌋ + 1
        AssertMatchesInBothPrecisions(() => new TdFilterbanks(d), x, expected, 5e-6, "TD-filterbanks");
    }

    [Fact]
    public void SincNetMatchesDirectComputation()
    {
        var d = BaselineTests.Perturb(FrontendDescription.Default(FrontendKind.SincNet).WithInitialParameters());
        var x = Noise(1001, 6, 0.2);
        var expected = BaselineReference.SincNet(x, d.Values(ParameterNames.SincLow), d.Values(ParameterNames.SincBand), 401, 160, 16000,
            d.Values(ParameterNames.LayerNormWeight), d.Values(ParameterNames.LayerNormBias));
        AssertMatchesInBothPrecisions(() => new SincNet(d), x, expected, 1e-4, "SincNet"); // layer norm amplifies float32 rounding
    }

    [Fact]
    public void SincNetPlusMatchesDirectComputation()
    {
        var d = FrontendDescription.Default(FrontendKind.SincNetPlus).WithInitialParameters();
        var x = Noise(1450, 7, 0.2);
        var expected = BaselineReference.SincNetPlus(x, d.Values(ParameterNames.SincLow), d.Values(ParameterNames.SincBand),
            d.Values(ParameterNames.PoolingWidth), 401, 160, 16000, d.Pcen);
        AssertMatchesInBothPrecisions(() => new SincNet(d), x, expected, 1e-5, "SincNet+");
    }

    [Fact]
    public void SincConvKernelsEqualThePureKernels()
    {
        using var scope = NewDisposeScope();
        var (low, band) = SincInitialization.LowAndBand(40, 16000, 50, 7900);
        using var conv = new SincConv(low, band, 401, 16000);
        conv.to(float64);
        double[] expected = SincKernels.ImpulseResponses(low, band, 401, 16000);
        double[] actual = conv.Kernels().data<double>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max() < 1e-12);
    }

    private static double[] Tone1kHz() => Enumerable.Range(0, 16000).Select(n => 0.5 * Math.Sin(2 * Math.PI * 1000 * n / 16000.0)).ToArray();

    internal static double[] Noise(int samples, int seed, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, samples).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
    }

    /// <summary>Runs a frontend on one waveform and returns [frames, N] as doubles.</summary>
    internal static double[,] Run(nn.Module<Tensor, Tensor> module, double[] x, ScalarType dtype = ScalarType.Float32)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var y = module.forward(tensor(x, dtype: dtype).unsqueeze(0))[0].to_type(float64);
        long frames = y.shape[0], channels = y.shape[1];
        double[] flat = y.contiguous().data<double>().ToArray();
        var result = new double[frames, channels];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }

    /// <summary>The module in float32 within <paramref name="float32Tolerance"/>, and in float64 to 1e-9.</summary>
    private static void AssertMatchesInBothPrecisions(Func<nn.Module<Tensor, Tensor>> create, double[] x, double[,] expected, double float32Tolerance, string what)
    {
        using (var single = create()) AssertClose(Run(single, x), expected, float32Tolerance, $"{what} (float32)");
        using var exact = create();
        exact.to(float64);
        AssertClose(Run(exact, x, float64), expected, 1e-9, $"{what} (float64)");
    }

    internal static void AssertClose(double[,] actual, double[,] expected, double tolerance, string what)
    {
        double difference = MaxAbsDifference(actual, expected);
        int rows = actual.GetLength(0), cols = actual.GetLength(1);
        var worst = Enumerable.Range(0, rows * cols).MaxBy(i => Math.Abs(actual[i / cols, i % cols] - expected[i / cols, i % cols]));
        Assert.True(difference < tolerance, $"{what}: max |difference| {difference:E2} exceeds {tolerance:E1} at [{worst / cols}, {worst % cols}], expected {expected[worst / cols, worst % cols]}");
    }

    internal static double MaxAbsDifference(double[,] a, double[,] b)
    {
        Assert.Equal(b.GetLength(0), a.GetLength(0));
        Assert.Equal(b.GetLength(1), a.GetLength(1));
        double max = 0;
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++) max = Math.Max(max, Math.Abs(a[i, j] - b[i, j]));
        return max;
    }
}
