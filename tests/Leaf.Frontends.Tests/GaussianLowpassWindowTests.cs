using Leaf.Frontends;

namespace Leaf.Frontends.Tests;

/// <summary>docs/frontends.md "Gaussian pooling": the unnormalised Gaussian pooling window.</summary>
public class GaussianLowpassWindowTests
{
    [Fact]
    public void InitialWindowHasTheSpecsCentreEdgesAndSum()
    {
        var w = GaussianLowpassWindow.Windows([0.4f], 401);
        Assert.Equal(1f, w[200]);
        Assert.Equal(0.043937, w[0], 1e-6);
        Assert.Equal(w[0], w[400]);
        Assert.Equal(198.0835, w.Sum(v => (double)v), 1e-3);
    }

    [Fact]
    public void WidthsAreClippedToTwoOverKAndOneHalf()
    {
        var w = GaussianLowpassWindow.Windows([0.9f, 0.5f, 0f, 0.001f], 401);
        Assert.Equal(w.AsSpan(0, 401).ToArray(), w.AsSpan(401, 401).ToArray());
        Assert.Equal(w.AsSpan(802, 401).ToArray(), w.AsSpan(1203, 401).ToArray());
        // σ̃ = 2/K gives a standard deviation of (K−1)/K ≈ 1 sample.
        Assert.Equal(Math.Exp(-0.5 * Math.Pow(401.0 / 400, 2)), w[802 + 201], 1e-6);
    }
}
