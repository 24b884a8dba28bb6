using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>Pre-emphasis, squared modulus, instance norm and log compression.</summary>
public class SmallModulesTests
{
    [Fact]
    public void PreEmphasisIsTheOneSampleAdvanceOfTf()
    {
        // y[n] = x[n+1] − 0.97·x[n], with x[T] = 0 (docs/frontends.md "Pre-emphasis").
        using var pre = new PreEmphasis([-0.97f, 1f]);
        pre.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        double[] x = [1, 2, -3, 0.5];
        var y = pre.forward(tensor(x).unsqueeze(0))[0].data<double>().ToArray();
        for (int n = 0; n < x.Length; n++)
            Assert.Equal((n + 1 < x.Length ? x[n + 1] : 0) - 0.97 * x[n], y[n], 1e-6);
    }

    [Fact]
    public void PreEmphasisGradientMatchesFiniteDifferences()
    {
        using var pre = new PreEmphasis([-0.9f, 0.8f]);
        pre.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var x = randn(2, 30, dtype: ScalarType.Float64).requires_grad_();
        FiniteDifference.Check(FiniteDifference.Projected(() => pre.forward(x)), [.. FiniteDifference.Trainable(pre), ("input", x)]);
    }

    [Fact]
    public void SquaredModulusAddsInterleavedSquares()
    {
        using var modulus = new SquaredModulus();
        using var scope = NewDisposeScope();
        var y = modulus.forward(tensor(new float[] { 3, 1, 4, 2, 2, 5, -1, 0 }).reshape(1, 4, 2));
        // channel 0: re = [3, 1], im = [4, 2]; channel 1: re = [2, 5], im = [−1, 0].
        Assert.Equal([25f, 5f, 5f, 25f], y.reshape(-1).data<float>().ToArray());
        Assert.Contains("[batch, 2N, time]", Assert.Throws<ArgumentException>(() => modulus.forward(zeros(1, 3, 2))).Message);
    }

    [Fact]
    public void InstanceNormNormalisesEachChannelOverTime()
    {
        using var norm = new InstanceNorm([2f, 1f], [1f, 0f]);
        using var scope = NewDisposeScope();
        var x = randn(3, 2, 50).Times(4).Plus(7);
        var y = norm.forward(x);
        var mean = y.mean([2L]);
        var std = (y - y.mean([2L], keepdim: true)).Squared().mean([2L]).sqrt();
        Assert.True(mean[.., 0].allclose(ones(3), atol: 1e-5) && mean[.., 1].allclose(zeros(3), atol: 1e-5));
        Assert.True(std[.., 0].allclose(ones(3).Times(2), rtol: 1e-4) && std[.., 1].allclose(ones(3), rtol: 1e-4));
    }

    [Fact]
    public void InstanceNormGradientMatchesFiniteDifferences()
    {
        using var norm = new InstanceNorm([1.5f, 0.5f], [0.2f, -0.1f]);
        norm.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var x = randn(2, 2, 20, dtype: ScalarType.Float64).requires_grad_();
        FiniteDifference.Check(FiniteDifference.Projected(() => norm.forward(x)), [.. FiniteDifference.Trainable(norm), ("input", x)]);
    }

    [Fact]
    public void LogCompressionAddsTheOffset()
    {
        using var log = new LogCompression();
        using var scope = NewDisposeScope();
        Assert.Equal(Math.Log(2 + 1e-5), log.forward(tensor(new[] { 2.0 })).item<double>(), 1e-12);
    }
}
