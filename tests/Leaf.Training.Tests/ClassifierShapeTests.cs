using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Training.Classifiers;
using Leaf.Training.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>Classifier shapes, parameter counts, multi-task heads and option errors.</summary>
public class ClassifierShapeTests
{
    [Theory]
    [InlineData(EncoderKind.CompactCnn, FrontendKind.Leaf, 16000, 128, 7, 3)]    // 100×40 frames → ⌈/16⌉ = 7×3
    [InlineData(EncoderKind.CompactCnn, FrontendKind.Mel, 161, 128, 1, 3)]       // 2 frames still give one row
    [InlineData(EncoderKind.EfficientNetB0, FrontendKind.Leaf, 4000, 1280, 1, 2)] // 25×40 → ⌈/32⌉ = 1×2
    [InlineData(EncoderKind.EfficientNetB0, FrontendKind.Mel, 8000, 1280, 2, 2)]
    public void LogitsAndFeatureMapsHaveTheExpectedShapes(EncoderKind encoder, FrontendKind frontend, int samples, int channels, int height, int width)
    {
        using var model = ClassifierTestModels.Create(encoder, frontend);
        model.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        manual_seed(3);
        var x = randn(2, samples).Times(0.1);
        var maps = model.Encoder.forward(model.Frontend.forward(x).unsqueeze(1));
        Assert.Equal([2L, channels, height, width], maps.shape);
        Assert.Equal(channels, model.EmbeddingSize);
        var logits = model.forward(x);
        Assert.Equal([2L, 3], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
        Assert.True(model.Embed(x).eq(maps.amax([2, 3])).all().item<bool>(), "the embedding is the global max over time and frequency");
    }

    [Fact]
    public void MultiTaskHeadsShareTheEmbeddingAndForwardAsksForForwardHeads()
    {
        var pitch = ClassifierTask.WithClassCount("pitch", 128);
        using var model = ClassifierTestModels.Create(EncoderKind.CompactCnn, FrontendKind.Leaf, ClassifierTestModels.Scenes, ClassifierTestModels.Birds, pitch);
        model.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = randn(3, 8000).Times(0.1);
        var logits = model.ForwardHeads(x);
        Assert.Equal([[3L, 3], [3L, 2], [3L, 128]], logits.Select(l => l.shape));
        var embedding = model.Embed(x);
        var linears = model.modules().OfType<TorchSharp.Modules.Linear>().ToArray();
        for (int i = 0; i < 3; i++) Assert.True(logits[i].allclose(linears[i].forward(embedding), rtol: 1e-6, atol: 1e-7), $"head {i}");
        Assert.Equal(["scenes", "birds", "pitch"], model.Tasks.Select(t => t.Name));
        var error = Assert.Throws<InvalidOperationException>(() => model.forward(x));
        Assert.Contains("3 tasks", error.Message);
    }

    [Fact]
    public void CompactCnnHasTheParametersOfItsFourBlocks()
    {
        using var cnn = new CompactCnn();
        int[] c = [1, .. CompactCnn.DefaultChannels];
        long expected = Enumerable.Range(1, 4).Sum(i => 9L * c[i - 1] * c[i] + 2 * c[i]); // 3×3 kernels (no bias) + BN γ, β
        Assert.Equal(expected, cnn.CountParameters());
        Assert.True(expected < 200_000);
        using var model = ClassifierTestModels.Create(EncoderKind.CompactCnn, FrontendKind.Mel);
        Assert.Equal(expected + 128 * 3 + 3, model.CountParameters());
    }

    [Fact]
    public void EfficientNetB0HasTorchvisionsParameterCountForOneInputChannel()
    {
        // torchvision's efficientnet_b0 has 5 288 548 parameters; its classifier Linear(1280, 1000) has 1 281 000 and one
        // input channel instead of three removes 2·(3·3·32) = 576 from the stem.
        using var encoder = new EfficientNetB0();
        Assert.Equal(5_288_548L - 1_281_000 - 576, encoder.CountParameters());
        Assert.Equal(16, EfficientNetB0.BlockSpecs(0.2).Count);
        Assert.Equal(0.2 * 15 / 16, EfficientNetB0.BlockSpecs(0.2)[^1].DropRate, 12);
    }

    [Theory]
    [InlineData("", "must be non-empty")]
    [InlineData("has space", "only letters")]
    public void BadTaskNamesAreRejected(string name, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => ClassifierOptions.SingleTask(["a", "b"], task: name).Validate());
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void BadOptionsAreRejectedWithTheReason()
    {
        Assert.Contains("at least two labels", Assert.Throws<ArgumentException>(() => ClassifierOptions.SingleTask(["only"]).Validate()).Message);
        Assert.Contains("label 'a' more than once", Assert.Throws<ArgumentException>(() => ClassifierOptions.SingleTask(["a", "b", "a"]).Validate()).Message);
        Assert.Contains("at least one task", Assert.Throws<ArgumentException>(() => new ClassifierOptions { Tasks = [] }.Validate()).Message);
        var twice = new ClassifierOptions { Tasks = [ClassifierTestModels.Birds, ClassifierTestModels.Birds] };
        Assert.Contains("'birds' is listed more than once", Assert.Throws<ArgumentException>(twice.Validate).Message);
        var dropout = ClassifierOptions.SingleTask(["a", "b"]) with { Dropout = 1 };
        Assert.Contains("dropout 1", Assert.Throws<ArgumentException>(dropout.Validate).Message);
        using var encoder = new CompactCnn();
        // A module that is not a frontend cannot be passed at all: the constructor takes a Frontend.
        Assert.Equal(typeof(Frontend), typeof(AudioClassifier).GetConstructors().Single().GetParameters()[0].ParameterType);
        using var frontend = FrontendFactory.Create(FrontendDescription.Default(FrontendKind.Mel));
        var mismatch = ClassifierOptions.SingleTask(["a", "b"], EncoderKind.EfficientNetB0);
        Assert.Contains("ask for encoder 'efficientnet-b0' but the module is 'compact-cnn'",
            Assert.Throws<ArgumentException>(() => new AudioClassifier(frontend, encoder, mismatch)).Message);
    }
}
