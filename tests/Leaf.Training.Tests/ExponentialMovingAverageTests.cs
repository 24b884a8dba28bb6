using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

public class ExponentialMovingAverageTests
{
    // The reference recursion, one frame at a time, in double: M[0] = E[0], M[t] = s·E[t] + (1 − s)·M[t−1];
    // with a warm start the state before frame 0 is the mean energy, so M[0] = s·E[0] + (1 − s)·mean(E).
    private static double[] Naive(double[] e, double s, double? decay = null, bool warmStart = false)
    {
        var m = new double[e.Length];
        m[0] = warmStart ? s * e[0] + (decay ?? 1 - s) * e.Average() : e[0];
        for (int t = 1; t < e.Length; t++) m[t] = s * e[t] + (decay ?? 1 - s) * m[t - 1];
        return m;
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1e-4)]
    [InlineData(0.04)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void BlockedFormEqualsTheRecursionInDouble(double s)
    {
        var random = new Random(3);
        foreach (int length in new[] { 1, 2, 63, 64, 65, 1000 })
            foreach (int block in new[] { ExponentialMovingAverage.DefaultBlockLength, 7 })
            {
                using var scope = NewDisposeScope();
                var e = Enumerable.Range(0, length).Select(_ => random.NextDouble() * 10).ToArray();
                var actual = ExponentialMovingAverage.Apply(tensor(e).reshape(1, 1, length), tensor(new[] { s }), blockLength: block).reshape(-1).data<double>().ToArray();
                var expected = Naive(e, s);
                for (int t = 0; t < length; t++)
                    Assert.True(Math.Abs(actual[t] - expected[t]) <= 1e-13 * Math.Max(1, Math.Abs(expected[t])),
                        $"s={s}, T={length}, L={block}, t={t}: {actual[t]} vs {expected[t]}");
            }
    }

    [Theory]
    [InlineData(0.04)]
    [InlineData(1.0)]
    [InlineData(0.0)]
    public void AWarmStartBeginsFromTheMeanEnergy(double s)
    {
        var random = new Random(4);
        foreach (int length in new[] { 1, 65, 300 })
        {
            using var scope = NewDisposeScope();
            var e = Enumerable.Range(0, 2 * length).Select(_ => random.NextDouble() * 10).ToArray();
            var actual = ExponentialMovingAverage.Apply(tensor(e).reshape(1, 2, length), tensor(new[] { s }), warmStart: true).reshape(-1).data<double>().ToArray();
            for (int c = 0; c < 2; c++)
            {
                var expected = Naive(e[(c * length)..((c + 1) * length)], s, warmStart: true);
                for (int t = 0; t < length; t++) Assert.Equal(expected[t], actual[c * length + t], 1e-12);
            }
        }
        // A silent lead-in is no longer an onset: the first frame's state is the mean, not the first (zero) energy.
        using var scope2 = NewDisposeScope();
        var cold = ExponentialMovingAverage.Apply(tensor(new[] { 0.0, 0, 4, 4 }).reshape(1, 1, 4), tensor(new[] { 0.5 }));
        var warm = ExponentialMovingAverage.Apply(tensor(new[] { 0.0, 0, 4, 4 }).reshape(1, 1, 4), tensor(new[] { 0.5 }), warmStart: true);
        Assert.Equal(0.0, cold[0, 0, 0].item<double>());
        Assert.Equal(1.0, warm[0, 0, 0].item<double>());   // 0.5·0 + 0.5·mean(0, 0, 4, 4)
    }

    [Fact]
    public void Float32MatchesTheDoubleRecursionToRounding()
    {
        using var scope = NewDisposeScope();
        var random = new Random(5);
        var e = Enumerable.Range(0, 6000).Select(_ => random.NextDouble()).ToArray();
        foreach (double s in new[] { 1e-4, 0.04, 0.9 })
        {
            var actual = ExponentialMovingAverage.Apply(tensor(e.Select(v => (float)v).ToArray()).reshape(1, 1, -1), tensor(new[] { (float)s }))
                .reshape(-1).data<float>().ToArray();
            // Same float32 inputs and coefficients (1 − s is rounded to float32 in any float32 implementation), exact arithmetic.
            float s32 = (float)s;
            var expected = Naive(e.Select(v => (double)(float)v).ToArray(), s32, 1f - s32);
            double worst = actual.Zip(expected).Max(p => Math.Abs(p.First - p.Second) / Math.Abs(p.Second));
            Assert.True(worst < 2e-6, $"s={s}: worst relative error {worst}");
        }
    }

    [Fact]
    public void PerChannelCoefficientsApplyPerChannelAndBatchItemsAreIndependent()
    {
        using var scope = NewDisposeScope();
        var random = new Random(9);
        var e = Enumerable.Range(0, 2 * 3 * 70).Select(_ => random.NextDouble()).ToArray();
        double[] s = [0.0, 0.3, 1.0];
        var actual = ExponentialMovingAverage.Apply(tensor(e).reshape(2, 3, 70), tensor(s));
        for (int b = 0; b < 2; b++)
            for (int c = 0; c < 3; c++)
            {
                var expected = Naive(e.Skip((b * 3 + c) * 70).Take(70).ToArray(), s[c]);
                var row = actual[b, c].data<double>().ToArray();
                for (int t = 0; t < 70; t++) Assert.Equal(expected[t], row[t], 1e-12);
            }
    }

    [Fact]
    public void SmoothingIsClippedToTheUnitInterval()
    {
        using var scope = NewDisposeScope();
        var e = tensor(new double[] { 1, 5, 2, 7 }).reshape(1, 1, 4);
        Assert.Equal(e.data<double>().ToArray(), ExponentialMovingAverage.Apply(e, tensor(new[] { 3.0 })).data<double>().ToArray());
        Assert.All(ExponentialMovingAverage.Apply(e, tensor(new[] { -2.0 })).data<double>().ToArray(), v => Assert.Equal(1.0, v));
    }

    [Theory]
    [InlineData(0.04)]
    [InlineData(1e-3)]
    [InlineData(0.9)]
    public void GradientsMatchFiniteDifferences(double s)
    {
        using var scope = NewDisposeScope();
        var energies = rand(2, 3, 150, dtype: ScalarType.Float64).Plus(0.1).requires_grad_();
        var smoothing = tensor(new[] { s, s * 0.5, s * 0.8 + 0.1 }).requires_grad_();
        var loss = FiniteDifference.Projected(() => ExponentialMovingAverage.Apply(energies, smoothing));
        FiniteDifference.Check(loss, [("energies", energies), ("smoothing", smoothing)]);
    }

    [Fact]
    public void BadInputsFailClearly()
    {
        using var scope = NewDisposeScope();
        Assert.Contains("time ≥ 1", Assert.Throws<ArgumentException>(() => ExponentialMovingAverage.Apply(zeros(1, 2, 0), zeros(2))).Message);
        Assert.Contains("2 or 1 values", Assert.Throws<ArgumentException>(() => ExponentialMovingAverage.Apply(zeros(1, 2, 5), zeros(3))).Message);
        Assert.Contains("Float64", Assert.Throws<ArgumentException>(() => ExponentialMovingAverage.Apply(zeros(1, 2, 5), zeros(2, dtype: ScalarType.Float64))).Message);
    }
}
