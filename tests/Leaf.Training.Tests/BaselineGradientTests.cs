using Leaf.Frontends;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.Frontends.Pooling;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>Gradients of the learnable baselines: present where they should be, and equal to finite differences.</summary>
public class BaselineGradientTests
{
    [Theory]
    [InlineData(FrontendKind.TdFilterbanks)]
    [InlineData(FrontendKind.SincNet)]
    [InlineData(FrontendKind.SincNetPlus)]
    public void EveryLearnableParameterGetsAFiniteNonZeroGradient(FrontendKind kind)
    {
        using var scope = NewDisposeScope();
        using var module = FrontendFactory.Create(FrontendDescription.Default(kind));
        manual_seed(5);
        var y = module.forward(randn(2, 2000).Times(0.3));
        (y * randn_like(y)).sum().backward();
        foreach (var (name, p) in module.named_parameters())
        {
            if (!p.requires_grad)
            {
                Assert.True(kind == FrontendKind.SincNetPlus && name.StartsWith("compression.", StringComparison.Ordinal), $"{name} is frozen");
                Assert.True(p.grad is null, $"{name} is frozen but has a gradient");
                continue;
            }
            Assert.NotNull(p.grad);
            Assert.True(p.grad.isfinite().all().item<bool>(), $"{kind.ToName()}: {name} has a non-finite gradient");
            long zeros = p.grad.EqualTo(0).sum().item<long>();
            Assert.True(zeros == 0, $"{kind.ToName()}: {zeros} of {p.numel()} gradient values of {name} are zero");
        }
    }

    [Fact]
    public void SincConvGradientMatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        using var conv = new SincConv([300f, 1200f, -3000f], [200f, 500f, 1500f], 31, 16000);
        conv.to(float64);
        manual_seed(8);
        var x = randn(2, 1, 64, dtype: float64);
        var weights = randn(2, 3, 64, dtype: float64);
        Func<double> loss = () => { using var s = NewDisposeScope(); return (conv.forward(x) * weights).sum().item<double>(); };
        CheckAgainstFiniteDifferences(conv, () => (conv.forward(x) * weights).sum(), loss, step: 1e-3);
    }

    [Fact]
    public void SharedWindowPoolingGradientMatchesFiniteDifferences()
    {
        using var scope = NewDisposeScope();
        manual_seed(9);
        using var pooling = new LearnablePooling(randn(9).data<float>().ToArray(), stride: 3);
        pooling.to(float64);
        var x = randn(2, 3, 30, dtype: float64).abs();
        Func<double> loss = () => { using var s = NewDisposeScope(); return pooling.forward(x).Squared().sum().item<double>(); };
        CheckAgainstFiniteDifferences(pooling, () => pooling.forward(x).Squared().sum(), loss, step: 1e-6);
    }

    [Fact]
    public void TdFilterbanksConvolutionIsCrossCorrelationLikeTensorFlow()
    {
        // One filter with a single tap at k = K−1 picks x[m + K−1 − pad_left] = x[m + 200]: no kernel flip (docs/frontends.md "Defaults and frame arithmetic").
        using var scope = NewDisposeScope();
        var weights = new float[2 * 401];
        weights[400] = 1f;
        using var bank = new ConvFilterbank(new ParameterTensor([2, 401], weights));
        var x = ScalarArguments.Range(1000, float32, CPU).reshape(1, 1, 1000);
        using (no_grad())
        {
            var y = bank.forward(x);
            Assert.Equal(500f, y[0, 0, 300].item<float>());
            Assert.Equal(0f, y[0, 0, 800].item<float>()); // past the end: zero padding
            Assert.Equal(0f, y[0, 1].abs().max().item<float>());
        }
    }

    private static void CheckAgainstFiniteDifferences(nn.Module module, Func<Tensor> lossTensor, Func<double> loss, double step)
    {
        lossTensor().backward();
        foreach (var (name, p) in module.named_parameters())
        {
            var analytic = p.grad!.clone().data<double>().ToArray();
            for (int i = 0; i < analytic.Length; i++)
            {
                double original;
                using (no_grad()) original = p[i].item<double>();
                double Evaluate(double value)
                {
                    using (no_grad()) p[i] = value;
                    return loss();
                }
                double numeric = (Evaluate(original + step) - Evaluate(original - step)) / (2 * step);
                using (no_grad()) p[i] = original;
                Assert.True(Math.Abs(analytic[i] - numeric) <= 1e-6 * Math.Max(1, Math.Abs(numeric)),
                    $"{name}[{i}]: autograd {analytic[i]}, finite difference {numeric}");
            }
        }
    }
}
