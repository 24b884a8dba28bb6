using Leaf.Frontends;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

public class PcenTests
{
    private static Pcen Layer(int channels = 3, PcenOptions? options = null)
    {
        options ??= new PcenOptions();
        return new Pcen(options, PcenValues.Initial(channels, options));
    }

    [Theory]
    [InlineData(1e-5, 0.207809)]
    [InlineData(1.0, 0.317837)]
    [InlineData(100.0, 0.375274)]
    public void ConstantInputGivesTheSettledValue(double c, double expected)
    {
        // docs/frontends.md "sPCEN": once M = c, Y = (c^(1−α) + δ)^(1/r) − δ^(1/r) with α = 0.96, δ = 2, r = 2.
        using var pcen = Layer();
        using var scope = NewDisposeScope();
        var y = pcen.forward(ones(2, 3, 20).Times(c));
        Assert.Equal(expected, y.min().item<float>(), 1e-4 * expected);
        Assert.Equal(expected, y.max().item<float>(), 1e-4 * expected);
    }

    [Fact]
    public void MatchesTheFormulaWithClippedParameters()
    {
        // alpha > 1, root < 1 and smoothing > 1 must be clipped to 1 in the forward pass.
        var values = new PcenValues([1.5f, 0.5f], [0.5f, 3f], [0.5f, 3f], [2f, 0.25f]);
        using var pcen = new Pcen(new PcenOptions(), values);
        pcen.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var random = new Random(1);
        var e = Enumerable.Range(0, 2 * 5).Select(_ => random.NextDouble() * 4 + 0.01).ToArray();
        var y = pcen.forward(tensor(e).reshape(1, 2, 5));
        double[] a = [1, 0.5], d = [0.5, 3], r = [1, 3], s = [1, 0.25];
        for (int c = 0; c < 2; c++)
        {
            double m = e[c * 5];
            for (int t = 0; t < 5; t++)
            {
                double x = e[c * 5 + t];
                if (t > 0) m = s[c] * x + (1 - s[c]) * m;
                double expected = Math.Pow(x / Math.Pow(1e-12 + m, a[c]) + d[c], 1 / r[c]) - Math.Pow(d[c], 1 / r[c]);
                Assert.Equal(expected, y[0, c, t].item<double>(), 1e-12);
            }
        }
    }

    [Fact]
    public void ScalarSmoothingEqualsTheSameValuePerChannel()
    {
        using var scalar = Layer(4, new PcenOptions { PerChannelSmoothing = false });
        using var perChannel = Layer(4);
        using var scope = NewDisposeScope();
        var e = rand(2, 4, 90).Plus(1e-5);
        Assert.Equal([1L], scalar.named_parameters().Single(p => p.name == "smoothing").parameter.shape);
        Assert.True(scalar.forward(e).eq(perChannel.forward(e)).all().item<bool>());
    }

    [Fact]
    public void TrainabilityFollowsTheOptions()
    {
        using var frozen = Layer(2, new PcenOptions { Trainable = false, LearnSmoothing = true });
        Assert.All(frozen.parameters(), p => Assert.False(p.requires_grad));
        using var fixedSmoothing = Layer(2, new PcenOptions { LearnSmoothing = false });
        Assert.Equal(["alpha", "delta", "root"], fixedSmoothing.named_parameters().Where(p => p.parameter.requires_grad).Select(p => p.name).Order());
        using var all = Layer(2);
        Assert.Equal(4 * 2, all.CountParameters(trainableOnly: true));
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        var values = new PcenValues([0.96f, 0.7f, 0.9f], [2f, 0.5f, 1f], [2f, 1.5f, 3f], [0.04f, 0.3f, 0.01f]);
        using var pcen = new Pcen(new PcenOptions(), values);
        pcen.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var e = rand(2, 3, 70, dtype: ScalarType.Float64).Plus(1e-3).requires_grad_();
        var loss = FiniteDifference.Projected(() => pcen.forward(e));
        FiniteDifference.Check(loss, [.. FiniteDifference.Trainable(pcen), ("energies", e)]);
    }

    [Fact]
    public void LearnLogsStoresLogarithmsAndComputesTheSameOutput()
    {
        var values = new PcenValues([0.96f, 0.7f], [2f, 0.5f], [2f, 1.5f], [0.04f, 0.3f]);
        using var linear = new Pcen(new PcenOptions(), values);
        using var logs = new Pcen(new PcenOptions { LearnLogs = true }, values);
        Assert.Equal(["log_alpha", "log_delta", "log_root", "log_smoothing"], logs.named_parameters().Select(p => p.name).Order());
        Assert.Equal(MathF.Log(0.5f), logs.named_parameters().Single(p => p.name == "log_delta").parameter[1].item<float>(), 1e-6f);
        var back = logs.Values();
        foreach (var (expected, actual) in new[] { (values.Alpha, back.Alpha), (values.Delta, back.Delta), (values.Root, back.Root), (values.Smoothing, back.Smoothing) })
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-6f * expected[i]);
        using var scope = NewDisposeScope();
        var e = rand(3, 2, 130).Times(10).Plus(1e-5);
        var a = linear.forward(e);
        var b = logs.forward(e);
        Assert.True(a.allclose(b, rtol: 2e-6, atol: 1e-7), $"max difference {(a - b).abs().max().item<float>()}");
    }

    [Fact]
    public void LearnLogsKeepsDeltaPositiveWhereLinearDeltaGoesNegative()
    {
        // Gradient descent on −ΣY pushes δ down (∂Y/∂δ < 0 for r > 1); a large step overshoots zero in the linear
        // parameterisation (a negative δ makes δ^(1/r) NaN, docs/frontends.md "Constraints and gradients"), but not when log δ is learned.
        var options = new PcenOptions { Delta = 0.05 };
        using var linear = Layer(2, options);
        using var logs = Layer(2, options with { LearnLogs = true });
        using var scope = NewDisposeScope();
        var e = rand(1, 2, 50).Plus(0.5);
        foreach (var pcen in new[] { linear, logs })
        {
            using var rate = (-10.0).ToScalar();
            for (int step = 0; step < 3; step++)   // plain gradient descent at rate 10
            {
                foreach (var p in pcen.parameters()) p.grad = null;
                (-pcen.forward(e).sum()).backward();
                using (no_grad()) foreach (var p in pcen.parameters()) p.add_(p.grad!, rate);
            }
        }
        Assert.Contains(linear.Values().Delta, d => d < 0);
        Assert.All(logs.Values().Delta, d => Assert.True(d > 0));
        Assert.All(logs.Values().Smoothing, s => Assert.True(s > 0));
        Assert.False(logs.forward(e).isnan().any().item<bool>());
    }

    [Fact]
    public void NegativeDeltaGivesNaNAsInTheReference()
    {
        using var pcen = new Pcen(new PcenOptions(), new PcenValues([0.96f], [-0.5f], [2f], [0.04f]));
        using var scope = NewDisposeScope();
        Assert.True(pcen.forward(ones(1, 1, 4)).isnan().all().item<bool>());
    }

    [Fact]
    public void InvalidValuesFailClearly()
    {
        var e = Assert.Throws<ArgumentException>(() => new Pcen(new PcenOptions { LearnLogs = true }, new PcenValues([1f], [-0.5f], [2f], [0.04f])));
        Assert.Contains("compression.delta[0] = -0.5", e.Message);
        e = Assert.Throws<ArgumentException>(() => new Pcen(new PcenOptions(), new PcenValues([1f, 1f], [1f, 1f], [2f, 2f], [0.04f])));
        Assert.Contains("smoothing must have 2 value(s)", e.Message);
        using var pcen = Layer(3);
        Assert.Contains("[batch, 3, time]", Assert.Throws<ArgumentException>(() => pcen.forward(zeros(1, 4, 10))).Message);
    }
}
