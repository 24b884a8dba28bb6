using Leaf.Frontends;
using Leaf.Tests;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Pooling;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

public class GaussianLowpassTests
{
    [Fact]
    public void WindowsEqualThePureReferenceIncludingTheClip()
    {
        float[] widths = [0.4f, 0.9f, 0.001f, 0.25f];
        using var pooling = new GaussianLowpass(widths, 401, 160);
        using var scope = NewDisposeScope();
        var actual = pooling.Windows().data<float>().ToArray();
        var expected = GaussianLowpassWindow.Windows(widths, 401);
        // Windows peak at 1; the floor skips underflowing tails. float32 exp(−x²/2) with x²/2 up to ~14 is good to ~1e-6.
        double error = Golden.MaxRelativeError(actual, expected, 1e-6);
        Assert.True(error < 3e-6, $"worst relative error {error}");
        Assert.Equal(198.0835, pooling.Windows()[0].sum().item<float>(), 1e-3); // docs/frontends.md "Gaussian pooling"
    }

    [Theory]
    [InlineData(16000, 100)]
    [InlineData(16001, 101)]
    [InlineData(8000, 50)]
    [InlineData(401, 3)]
    [InlineData(1, 1)]
    public void OutputsCeilTOverSFramesAlignedLikeTfSame(int length, int frames)
    {
        // Naive TF SAME pooling in double: frame i sums x[i·S − padLeft + k]·w[k].
        var random = new Random(length);
        var x = Enumerable.Range(0, length).Select(_ => random.NextDouble()).ToArray();
        using var pooling = new GaussianLowpass([0.3f], 401, 160);
        pooling.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var y = pooling.forward(tensor(x).reshape(1, 1, length)).reshape(-1).data<double>().ToArray();
        Assert.Equal(frames, y.Length);
        var w = pooling.Windows().reshape(-1).data<double>().ToArray();
        int padLeft = FrameMath.SamePadding(length, 401, 160).Left;
        for (int i = 0; i < frames; i++)
        {
            double sum = 0;
            for (int k = 0; k < 401; k++)
            {
                int n = i * 160 - padLeft + k;
                if (n >= 0 && n < length) sum += x[n] * w[k];
            }
            Assert.Equal(sum, y[i], 1e-10);
        }
    }

    [Fact]
    public void GradientMatchesFiniteDifferencesAndVanishesOutsideTheClip()
    {
        using var pooling = new GaussianLowpass([0.4f, 0.2f, 0.7f], 41, 8);
        pooling.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var energies = rand(2, 3, 100, dtype: ScalarType.Float64).requires_grad_();
        var loss = FiniteDifference.Projected(() => pooling.forward(energies));
        FiniteDifference.Check(loss, [.. FiniteDifference.Trainable(pooling), ("energies", energies)]);
        // The width 0.7 is past the 0.5 clip: forward-only clip, zero gradient (the reference's behaviour).
        var grad = pooling.parameters().Single().grad!;
        Assert.Equal(0.0, grad[2].item<double>());
        Assert.NotEqual(0.0, grad[0].item<double>());
    }

    [Fact]
    public void FrozenWidthsDoNotRequireGradients()
    {
        using var pooling = new GaussianLowpass([0.4f], 401, 160, learn: false);
        Assert.False(pooling.parameters().Single().requires_grad);
        Assert.Equal(["width"], pooling.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void BadInputsFailClearly()
    {
        using var pooling = new GaussianLowpass([0.4f, 0.4f], 401, 160);
        Assert.Contains("[batch, 2, time ≥ 1]", Assert.Throws<ArgumentException>(() => pooling.forward(zeros(1, 3, 10))).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianLowpass([0.4f], 401, 0));
    }
}
