using Leaf.Frontends;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

public class LeafFrontendTests
{
    [Theory]
    [InlineData(16000, 100)]
    [InlineData(16001, 101)]
    [InlineData(8000, 50)]
    [InlineData(401, 3)]
    [InlineData(100, 1)]
    [InlineData(1, 1)]
    public void OutputIsBatchByCeilTOverSByChannels(int samples, int frames)
    {
        using var leaf = TestSignals.DefaultLeaf();
        using var scope = NewDisposeScope();
        var y = leaf.forward(randn(3, samples).Times(0.1));
        Assert.Equal([3L, frames, 40], y.shape);
        Assert.True(y.isfinite().all().item<bool>());
    }

    [Fact]
    public void BatchItemsAreComputedIndependently()
    {
        using var leaf = TestSignals.DefaultLeaf();
        using var scope = NewDisposeScope();
        var x = randn(3, 3000).Times(0.1);
        var batch = leaf.forward(x);
        for (int b = 0; b < 3; b++)
            Assert.True(batch[b].allclose(leaf.forward(x[b..(b + 1)])[0], rtol: 1e-5, atol: 1e-7));
    }

    [Fact]
    public void OtherSampleRatesUseTheirWindowStrideAndInitialisation()
    {
        // README "custom" LEAF: 24 kHz, 32 ms window, 64 filters (docs/frontends.md "Defaults and frame arithmetic"): K = 769, S = 240.
        var d = new FrontendDescription { SampleRate = 24000, WindowMs = 32, FilterCount = 64 };
        using var leaf = new LeafFrontend(d);
        Assert.Equal(769, leaf.Filterbank.WindowLength);
        Assert.Equal(240, leaf.Pooling.Stride);
        var (center, width) = GaborInitialization.MelMatched(64, 24000, 60, 7800, 512);
        Assert.Equal(center, leaf.Filterbank.Centers);
        Assert.Equal(width, leaf.Filterbank.Widths);
        using var scope = NewDisposeScope();
        Assert.Equal([2L, 101, 64], leaf.forward(randn(2, 24001).Times(0.1)).shape);
    }

    [Theory]
    [InlineData(40, false, false, 280)]
    [InlineData(64, false, false, 448)]
    [InlineData(40, true, true, 280 + 2 + 80)]
    public void ParameterCountsMatchTheSpec(int filters, bool preEmphasis, bool instanceNorm, long expected)
    {
        using var leaf = new LeafFrontend(new FrontendDescription { FilterCount = filters, PreEmphasis = preEmphasis, InstanceNorm = instanceNorm });
        Assert.Equal(expected, leaf.CountParameters());
        Assert.Equal(expected, leaf.CountParameters(trainableOnly: true));
    }

    [Fact]
    public void StateDictNamesAreTheDescriptionsParameterNames()
    {
        var d = new FrontendDescription { PreEmphasis = true, InstanceNorm = true };
        using var leaf = new LeafFrontend(d);
        Assert.Equal(d.WithInitialParameters().Parameters.Keys.Order(), leaf.state_dict().Keys.Order());
    }

    [Fact]
    public void FrozenFiltersAndPoolingDoNotRequireGradients()
    {
        using var leaf = new LeafFrontend(new FrontendDescription { LearnFilters = false, LearnPooling = false, PreEmphasis = true });
        var frozen = leaf.named_parameters().Where(p => !p.parameter.requires_grad).Select(p => p.name).Order();
        Assert.Equal([ParameterNames.GaborCenter, ParameterNames.GaborWidth, ParameterNames.PoolingWidth, ParameterNames.PreemphasisWeight], frozen);
        Assert.Equal(160, leaf.CountParameters(trainableOnly: true));
    }

    [Fact]
    public void MissingParametersGetThePapersInitialValues()
    {
        using var leaf = TestSignals.DefaultLeaf();
        var initial = new FrontendDescription().WithInitialParameters();
        var described = leaf.ToDescription();
        Assert.Equal(initial.Parameters, described.Parameters);
        Assert.Equal(initial, described with { Parameters = initial.Parameters });
        Assert.Equal(40, leaf.OutputChannels);
    }

    [Fact]
    public void LogCompressionAndPreEmphasisCompose()
    {
        // log(max(pooled, 1e-5) + 1e-5) over the pre-emphasised waveform.
        var d = new FrontendDescription { Compression = CompressionKind.Log, PreEmphasis = true };
        using var leaf = new LeafFrontend(d);
        using var reference = TestSignals.DefaultLeaf();
        using var pre = new PreEmphasis([-0.97f, 1f]);
        using var scope = NewDisposeScope();
        var x = randn(1, 2000).Times(0.1);
        var expected = reference.PooledEnergies(pre.forward(x)).AtLeast(1e-5).Plus(1e-5).log().transpose(1, 2);
        Assert.True(expected.allclose(leaf.forward(x), rtol: 1e-6, atol: 1e-6));
        Assert.Null(leaf.Pcen);
    }

    [Fact]
    public void FactoryBuildsLeaf()
    {
        using var module = FrontendFactory.Create(new FrontendDescription());
        var frontend = Assert.IsType<LeafFrontend>(module);
        Assert.Equal(40, frontend.OutputChannels);
    }

    [Fact]
    public void BadDescriptionsAndInputsFailClearly()
    {
        Assert.Contains("'mel'", Assert.Throws<ArgumentException>(() => new LeafFrontend(FrontendDescription.Default(FrontendKind.Mel))).Message);
        Assert.Contains("LayerNorm", Assert.Throws<ArgumentException>(() => new LeafFrontend(new FrontendDescription { Compression = CompressionKind.LayerNorm })).Message);
        var wrongShape = new FrontendDescription().WithInitialParameters();
        wrongShape.Parameters[ParameterNames.PoolingWidth] = ParameterTensor.Filled(3, 0.4);
        Assert.Contains("pooling.width", Assert.Throws<FormatException>(() => new LeafFrontend(wrongShape)).Message);
        using var leaf = TestSignals.DefaultLeaf();
        Assert.Contains("[batch, samples ≥ 1]", Assert.Throws<ArgumentException>(() => leaf.forward(zeros(16000))).Message);
        Assert.Contains("[batch, samples ≥ 1]", Assert.Throws<ArgumentException>(() => leaf.forward(zeros(2, 0))).Message);
        Assert.Contains("Float64", Assert.Throws<ArgumentException>(() => leaf.forward(zeros(2, 100, dtype: ScalarType.Float64))).Message);
    }
}
