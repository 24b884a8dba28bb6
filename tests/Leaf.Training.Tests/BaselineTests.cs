using Leaf.Frontends;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Baselines;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.Frontends.Pooling;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>The baseline frontends (docs/frontends.md "Baselines", "Parameter counts"): shapes, parameter counts, numbers, descriptions.</summary>
public class BaselineTests
{
    private static readonly FrontendKind[] Baselines = [FrontendKind.Mel, FrontendKind.TdFilterbanks, FrontendKind.SincNet, FrontendKind.SincNetPlus];

    [Theory]
    [InlineData(FrontendKind.Mel, 16000, 100)]
    [InlineData(FrontendKind.Mel, 1, 1)]
    [InlineData(FrontendKind.Mel, 161, 2)]
    [InlineData(FrontendKind.Mel, 16001, 101)]
    [InlineData(FrontendKind.TdFilterbanks, 16000, 98)]
    [InlineData(FrontendKind.TdFilterbanks, 401, 1)]
    [InlineData(FrontendKind.TdFilterbanks, 561, 2)]
    [InlineData(FrontendKind.SincNet, 16000, 100)]
    [InlineData(FrontendKind.SincNet, 1, 1)]
    [InlineData(FrontendKind.SincNet, 161, 2)]
    [InlineData(FrontendKind.SincNet, 16001, 101)]
    [InlineData(FrontendKind.SincNetPlus, 16000, 100)]
    [InlineData(FrontendKind.SincNetPlus, 1, 1)]
    [InlineData(FrontendKind.SincNetPlus, 161, 2)]
    [InlineData(FrontendKind.SincNetPlus, 16001, 101)]
    public void OutputShapeIsBatchByFramesByChannels(FrontendKind kind, int samples, int frames)
    {
        using var scope = NewDisposeScope();
        using var module = FrontendFactory.Create(FrontendDescription.Default(kind));
        manual_seed(1);
        using (no_grad())
        {
            var y = module.forward(randn(2, samples).Times(0.1));
            Assert.Equal([2L, frames, 40], y.shape);
            Assert.True(y.isfinite().all().item<bool>(), $"{kind.ToName()}: non-finite output");
            Assert.Equal([1L, frames, 40], module.forward(randn(1, samples, 1)).shape); // [batch, T, 1] is accepted too
        }
        Assert.Equal(40, module.OutputChannels);
    }

    [Theory]
    [InlineData(FrontendKind.Mel, 40, 0, 0)]
    [InlineData(FrontendKind.TdFilterbanks, 40, 32_481, 32_481)]
    [InlineData(FrontendKind.TdFilterbanks, 64, 51_729, 51_729)]
    [InlineData(FrontendKind.SincNet, 40, 160, 160)]
    [InlineData(FrontendKind.SincNet, 64, 256, 256)]
    [InlineData(FrontendKind.SincNetPlus, 40, 120 + 121, 120)] // frozen PCEN: α, δ, root [N] and one scalar s
    [InlineData(FrontendKind.SincNetPlus, 64, 192 + 193, 192)]
    public void ParameterCountsMatchTheReference(FrontendKind kind, int filters, long total, long trainable)
    {
        using var module = FrontendFactory.Create(FrontendDescription.Default(kind) with { FilterCount = filters });
        Assert.Equal(total, module.CountParameters());
        Assert.Equal(trainable, module.CountParameters(trainableOnly: true));
    }

    [Fact]
    public void StateDictNamesAreTheDescriptionNames()
    {
        foreach (var kind in Baselines)
        {
            using var module = FrontendFactory.Create(FrontendDescription.Default(kind));
            var names = module.state_dict().Keys.Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(module.ToDescription().Parameters.Keys, names);
        }
    }

    [Fact]
    public void InitialModulesDescribeTheirInitialValues()
    {
        foreach (var kind in Baselines)
        {
            var initial = FrontendDescription.Default(kind).WithInitialParameters();
            using var module = FrontendFactory.Create(FrontendDescription.Default(kind));
            var described = module.ToDescription();
            Assert.Equal(initial.Parameters.Keys, described.Parameters.Keys);
            foreach (var (name, value) in initial.Parameters) Assert.Equal(value, described.Parameters[name]);
        }
    }

    [Fact]
    public void JsonRoundTripGivesIdenticalOutputs()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        var x = randn(2, 1700).Times(0.2);
        foreach (var kind in Baselines)
        {
            var trained = Perturb(FrontendDescription.Default(kind).WithInitialParameters());
            using var original = FrontendFactory.Create(trained);
            var json = original.ToDescription().ToJson();
            using var reloaded = FrontendFactory.Create(FrontendDescription.FromJson(json));
            foreach (var (name, value) in trained.Parameters) Assert.Equal(value, reloaded.ToDescription().Parameters[name]);
            using (no_grad()) Assert.Equal(original.forward(x).data<float>().ToArray(), reloaded.forward(x).data<float>().ToArray());
        }
    }

    [Fact]
    public void WrongDescriptionsAndInputsFailClearly()
    {
        var mel = FrontendDescription.Default(FrontendKind.Mel);
        Assert.Contains("'mel' description", Assert.Throws<ArgumentException>(() => new SincNet(mel)).Message);
        Assert.Contains("Log compression", Assert.Throws<ArgumentException>(() => new MelFilterbanks(mel with { Compression = CompressionKind.Pcen })).Message);
        Assert.Contains("pre-emphasis", Assert.Throws<ArgumentException>(
            () => new TdFilterbanks(FrontendDescription.Default(FrontendKind.TdFilterbanks) with { PreEmphasis = true })).Message);

        using var scope = NewDisposeScope();
        using var td = new TdFilterbanks(FrontendDescription.Default(FrontendKind.TdFilterbanks));
        var e = Assert.Throws<ArgumentException>(() => td.forward(zeros(1, 400)));
        Assert.Contains("at least 401 sample(s)", e.Message);
        using var melModule = new MelFilterbanks(mel);
        Assert.Contains("[batch, samples]", Assert.Throws<ArgumentException>(() => melModule.forward(zeros(1, 100, 2))).Message);
        Assert.Contains("at least 1 sample", Assert.Throws<ArgumentException>(() => melModule.forward(zeros(1, 0))).Message);
    }

    [Fact]
    public void SameMaxPoolingIgnoresThePadding()
    {
        using var scope = NewDisposeScope();
        // All values negative: −∞ padding keeps them, zero padding would return 0 at the edges.
        var x = ScalarArguments.Range(10, float32, CPU).SubtractedFrom(-1).reshape(1, 1, 10);
        var y = PoolingFunctional.MaxPoolSame(x, 5, 3);
        Assert.Equal([1L, 1, 4], y.shape);
        // T = 10, K = 5, S = 3: pads (2, 2), windows [−2, 3), [1, 6), [4, 9), [7, 12).
        Assert.Equal([-1f, -2f, -5f, -8f], y.data<float>().ToArray());
    }

    /// <summary>Multiplies every parameter by a distinct factor near 1, as training would move it.</summary>
    internal static FrontendDescription Perturb(FrontendDescription d)
    {
        var p = new SortedDictionary<string, ParameterTensor>(StringComparer.Ordinal);
        int i = 0;
        foreach (var (name, value) in d.Parameters)
            p[name] = value with { Values = value.Values.Select(v => v * (1f + 0.03f * ((i++ % 7) - 3))).ToArray() };
        return d with { Parameters = p };
    }
}
