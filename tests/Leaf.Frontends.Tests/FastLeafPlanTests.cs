using Leaf.Frontends;

namespace Leaf.Frontends.Tests;

/// <summary>The pure pieces of the fast LEAF's plan, against first principles.</summary>
public sealed class FastLeafPlanTests
{
    [Theory]
    [InlineData(160, 128)]  // 16 kHz, 10 ms
    [InlineData(80, 256)]   // 8 kHz, 10 ms
    public void TransformsKeepAFramesShiftWholeAndAreFftFriendly(int stride, int step)
    {
        int[] transforms = FastLeafPlan.Transforms(stride);
        Assert.NotEmpty(transforms);
        Assert.Equal(transforms.Order(), transforms);
        Assert.All(transforms, q =>
        {
            Assert.InRange(q, FastLeafPlan.SmallestTransform, FastLeafPlan.BlockLength - 1);
            Assert.Equal(0, q % step);
            Assert.Equal(0, stride * q % FastLeafPlan.BlockLength); // S·Q/L whole
            int m = q;
            foreach (int p in new[] { 2, 3, 5, 7 }) while (m % p == 0) m /= p;
            Assert.Equal(1, m);
        });
        Assert.Contains(384, transforms.Select(q => q * 128 / step)); // not only powers of two
    }

    [Fact]
    public void AnOddStrideLeavesOnlyTheFullRate() => Assert.Empty(FastLeafPlan.Transforms(147));

    [Fact]
    public void TheAliasedHarmonicsSumToAtMostTheTolerance()
    {
        // The autocorrelation of a Gaussian band: a(d) ∝ exp(−d²/(4σ²)).
        const double sigma = 20;
        double[] a = [.. Enumerable.Range(0, 200).Select(d => Math.Exp(-d * d / (4 * sigma * sigma)))];
        int first = FastLeafPlan.FirstAliasedHarmonic(a);
        double Tail(int from) => 2 * a.Skip(from).Sum();
        Assert.True(Tail(first) <= FastLeafPlan.AliasTolerance * a[0]);
        Assert.True(Tail(first - 1) > FastLeafPlan.AliasTolerance * a[0]);
        // 2·Σ_{d≥D} exp(−d²/(4σ²)) ≈ (4σ²/D)·exp(−D²/(4σ²)) = 1e-6 at D ≈ 8σ.
        Assert.InRange(first, 7.5 * sigma, 8.5 * sigma);
    }

    [Theory]
    [InlineData(384)]
    [InlineData(512)]
    public void DirichletInterpolatesABandLimitedSignalAtAnyPosition(int q)
    {
        // g(x) = Σ_{|k|<Q/2} c_k·e^{2πikx/L} (real) from its Q samples at p·L/Q, evaluated between samples.
        const int l = FastLeafPlan.BlockLength;
        var random = new Random(q);
        double[] amplitude = [.. Enumerable.Range(0, q / 2).Select(_ => random.NextDouble())];
        double[] phase = [.. Enumerable.Range(0, q / 2).Select(_ => 2 * Math.PI * random.NextDouble())];
        double G(double x) => Enumerable.Range(0, q / 2).Sum(k => amplitude[k] * Math.Cos(2 * Math.PI * k * x / l + phase[k]));
        double[] samples = [.. Enumerable.Range(0, q).Select(p => G((double)p * l / q))];
        foreach (double x in new[] { 0.0, 3.3, 100.5, 1234.75, 4000.1 })
        {
            double interpolated = Enumerable.Range(0, q).Sum(p => samples[p] * FastLeafPlan.Dirichlet(x - (double)p * l / q, q, l));
            Assert.Equal(G(x), interpolated, 1e-9);
        }
    }

    [Fact]
    public void RunIsTheShortestCyclicRunAboveTheThreshold()
    {
        var magnitude = new double[64];
        foreach (int f in new[] { 60, 62, 63, 0, 1, 3 }) magnitude[f] = 1;   // wraps past the end
        magnitude[30] = 0.5 * FastLeafPlan.Threshold;                        // below the threshold: ignored
        Assert.Equal((60, 8), FastLeafPlan.Run(magnitude));
        Assert.Equal((0, 64), FastLeafPlan.Run([.. Enumerable.Repeat(1.0, 64)]));
    }
}
