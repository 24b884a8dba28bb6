using Leaf.Frontends;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

public class GradientTests
{
    [Fact]
    public void EveryParameterGetsAFiniteNonZeroGradientAtInitialisation()
    {
        // docs/frontends.md "Constraints and gradients": no parameter starts at a clip boundary, so all 280 receive gradient.
        using var leaf = TestSignals.DefaultLeaf();
        using var scope = NewDisposeScope();
        manual_seed(2);
        var y = leaf.forward(randn(2, 16000).Times(0.1));
        (y * randn(y.shape)).sum().backward();
        long count = 0;
        foreach (var (name, p) in leaf.named_parameters())
        {
            var g = p.grad!;
            Assert.True(g.isfinite().all().item<bool>(), $"{name} has a non-finite gradient");
            Assert.True(g.EqualTo(0).logical_not().all().item<bool>(), $"{name} has a zero gradient element");
            count += g.numel();
        }
        Assert.Equal(280, count);
    }

    [Fact]
    public void SilenceGivesFiniteOutputsAndGradients()
    {
        using var leaf = TestSignals.DefaultLeaf();
        using var scope = NewDisposeScope();
        var y = leaf.forward(zeros(2, 16000));
        y.sum().backward();
        Assert.True(y.isfinite().all().item<bool>());
        Assert.All(leaf.parameters(), p => Assert.True(p.grad!.isfinite().all().item<bool>()));
    }

    [Fact]
    public void SixtySecondsGiveFiniteOutputsAndGradients()
    {
        using var leaf = TestSignals.DefaultLeaf();
        using var scope = NewDisposeScope();
        manual_seed(4);
        var y = leaf.forward(randn(1, 60 * 16000).Times(0.1));
        Assert.Equal([1L, 6000, 40], y.shape);
        y.mean().backward();
        Assert.True(y.isfinite().all().item<bool>());
        Assert.All(leaf.parameters(), p => Assert.True(p.grad!.isfinite().all().item<bool>()));
    }

    [Fact]
    public void WholeFrontendMatchesFiniteDifferencesInDouble()
    {
        // A small LEAF (6 filters at 8 kHz, 41-tap window) with pre-emphasis and instance norm, every parameter checked.
        var d = new FrontendDescription { SampleRate = 8000, FilterCount = 6, MaxFrequency = 3900, WindowMs = 5, StrideMs = 2.5, PreEmphasis = true, InstanceNorm = true };
        using var leaf = new LeafFrontend(d);
        leaf.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        manual_seed(8);
        var x = randn(2, 300, dtype: ScalarType.Float64).Times(0.3);
        FiniteDifference.Check(FiniteDifference.Projected(() => leaf.forward(x)), FiniteDifference.Trainable(leaf), tolerance: 1e-5);
    }
}
