using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Tests;
using Leaf.Training.Classifiers;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>The runtime-free classifier description: batch-norm folding, equality with the eval-mode module, JSON, validation.</summary>
public class ClassifierDescriptionTests
{
    [Fact]
    public void FoldingMatchesTheBatchNormFormulaPerChannel()
    {
        var weight = new ParameterTensor([2, 1, 1, 2], [1f, -2f, 0.5f, 4f]);
        var bias = ParameterTensor.Vector([0.3f, -0.1f]);
        var norm = new BatchNormStatistics([2f, 0.5f], [0.1f, -1f], [0.2f, 0.4f], [3f, 0.25f], 1e-3);
        var (w, b) = BatchNormFolding.Fold(weight, bias, norm);
        double s0 = 2 / Math.Sqrt(3.001), s1 = 0.5 / Math.Sqrt(0.251);
        Assert.Equal([2, 1, 1, 2], w.Shape);
        Assert.Equal(new[] { 1 * s0, -2 * s0, 0.5 * s1, 4 * s1 }, w.Values.Select(v => (double)v), new ToleranceComparer(1e-6));
        Assert.Equal(new[] { (0.3 - 0.2) * s0 + 0.1, (-0.1 - 0.4) * s1 - 1 }, b.Values.Select(v => (double)v), new ToleranceComparer(1e-6));
        var (_, noBias) = BatchNormFolding.Fold(weight, null, norm);
        Assert.Equal(-0.2 * s0 + 0.1, noBias.Values[0], 1e-6);
        Assert.Contains("one per output channel", Assert.Throws<ArgumentException>(() => BatchNormFolding.Fold(weight, ParameterTensor.Vector([1f]), norm)).Message);
    }

    [Theory]
    [InlineData(EncoderKind.CompactCnn, FrontendKind.Leaf, 16000, false)]
    [InlineData(EncoderKind.EfficientNetB0, FrontendKind.Mel, 4000, false)]
    [InlineData(EncoderKind.CompactCnn, FrontendKind.Mel, 8000, true)]
    public void DescriptionComputesTheEvalModeLogits(EncoderKind encoder, FrontendKind frontend, int samples, bool standardize)
    {
        using var model = ClassifierTestModels.Create(encoder, frontend, standardize, ClassifierTestModels.Scenes, ClassifierTestModels.Birds);
        BatchNormRandomisation.Apply(model, 7);
        model.eval();
        var d = model.ToDescription();
        Assert.Equal(encoder, d.Encoder);
        Assert.Equal(standardize, d.Layers[0] is StandardizeLayer);
        Assert.Equal(model.EmbeddingSize, d.EmbeddingSize);
        Assert.Equal(model.Tasks, d.Tasks);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        manual_seed(16);
        var x = randn(2, samples).Times(0.1);
        var expected = model.ForwardHeads(x);
        var actual = ClassifierTestModels.EvaluateDescription(d, model.Frontend.forward(x));
        for (int i = 0; i < 2; i++)
        {
            double error = (expected[i] - actual[i]).abs().max().item<float>() / expected[i].abs().max().item<float>();
            Assert.True(error < 1e-4, $"head {i}: relative error {error}");
        }
    }

    [Fact]
    public void EfficientNetDescriptionHasTheMbConvStructure()
    {
        using var model = ClassifierTestModels.Create(EncoderKind.EfficientNetB0, FrontendKind.Mel);
        var d = model.ToDescription();
        // stem + 16 blocks + head; the 9 blocks that keep stride and channels are one residual layer each, the other 7
        // (the first of each stage) are inlined: 3 layers for the unexpanded first block, 4 (expand, depthwise, SE, project) for the rest.
        Assert.Equal(1 + 3 + 6 * 4 + 9 + 1, d.Layers.Length);
        Assert.Equal(9, d.Layers.OfType<ResidualLayer>().Count());
        var stem = Assert.IsType<ConvLayer>(d.Layers[0]);
        Assert.Equal([32, 1, 3, 3], stem.Weight.Shape);
        Assert.Equal([2, 2], stem.Stride);
        Assert.Equal(Activation.Silu, stem.Activation);
        var residual = d.Layers.OfType<ResidualLayer>().First();
        Assert.Equal([typeof(ConvLayer), typeof(ConvLayer), typeof(SqueezeExcitationLayer), typeof(ConvLayer)], residual.Layers.Select(l => l.GetType()));
        var depthwise = (ConvLayer)residual.Layers[1];
        Assert.Equal(depthwise.OutChannels, depthwise.Groups);
        Assert.Equal(Activation.None, ((ConvLayer)residual.Layers[3]).Activation);
        Assert.Equal([1280, 320, 1, 1], ((ConvLayer)d.Layers[^1]).Weight.Shape);
    }

    [Fact]
    public void JsonRoundTripsTheWholeDescription()
    {
        using var model = ClassifierTestModels.Create(EncoderKind.CompactCnn, FrontendKind.Leaf, standardize: true, ClassifierTestModels.Scenes, ClassifierTestModels.Birds);
        BatchNormRandomisation.Apply(model, 8);
        var d = model.ToDescription();
        string json = d.ToJson();
        Assert.Contains("\"type\": \"max-pool\"", json);
        Assert.Contains("\"type\": \"standardize\"", json);
        Assert.Contains("\"encoder\": \"compact-cnn\"", json);
        var parsed = ClassifierDescription.FromJson(json);
        Assert.Equal(d.Frontend, parsed.Frontend with { Parameters = d.Frontend.Parameters });
        Assert.Equal(d.Frontend.Parameters, parsed.Frontend.Parameters);
        Assert.Equal(d.Tasks, parsed.Tasks);
        Assert.Equal(json, parsed.ToJson());
        Assert.Equal(d.Layers[0], Assert.IsType<StandardizeLayer>(parsed.Layers[0]));
        var conv = (ConvLayer)parsed.Layers[1];
        Assert.Equal(((ConvLayer)d.Layers[1]).Weight, conv.Weight);
        Assert.Equal(d.Heads[1].Weight, parsed.Heads[1].Weight);
    }

    [Fact]
    public void InconsistentDescriptionsAreRejectedWithTheReason()
    {
        using var model = ClassifierTestModels.Create(EncoderKind.CompactCnn, FrontendKind.Mel);
        var d = model.ToDescription();
        var secondConv = (ConvLayer)d.Layers[2];
        var skipped = d with { Layers = [d.Layers[0], d.Layers[1], .. d.Layers[3..]] };
        Assert.Contains("expects 32 input channels, gets 16", Assert.Throws<FormatException>(() => skipped.Validate()).Message);
        var badHead = d with { Heads = [d.Heads[0] with { Bias = ParameterTensor.Vector([0f, 0f]) }] };
        Assert.Contains("bias must be [3]", Assert.Throws<FormatException>(() => badHead.Validate()).Message);
        var twoTasks = d with { Heads = [d.Heads[0], d.Heads[0]] };
        Assert.Contains("appears in more than one head", Assert.Throws<FormatException>(() => twoTasks.Validate()).Message);
        var nan = d with { Layers = [.. d.Layers[..2], secondConv with { Bias = ParameterTensor.Filled(32, double.NaN) }, .. d.Layers[3..]] };
        Assert.Contains("layer 2 (ConvLayer): weights must be finite", Assert.Throws<FormatException>(() => nan.Validate()).Message);
        Assert.Contains("invalid JSON", Assert.Throws<FormatException>(() => ClassifierDescription.FromJson("{\"layers\": [{\"type\": \"lstm\"}]}")).Message);
        Assert.Contains("unknown encoder 'resnet'", Assert.Throws<FormatException>(() => ClassifierDescription.FromJson(d.ToJson().Replace("\"compact-cnn\"", "\"resnet\""))).Message);
        Assert.Contains("format 'x'", Assert.Throws<FormatException>(() => ClassifierDescription.FromJson(d.ToJson().Replace(ClassifierDescription.CurrentFormat, "x"))).Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
