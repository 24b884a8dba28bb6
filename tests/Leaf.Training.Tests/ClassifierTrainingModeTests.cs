using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Tests;
using Leaf.Training.Classifiers;
using Leaf.Training.Fitting;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>Gradients through the classifier, train versus eval behaviour, and checkpoints.</summary>
public class ClassifierTrainingModeTests
{
    [Theory]
    [InlineData(EncoderKind.CompactCnn, 16000)]
    [InlineData(EncoderKind.EfficientNetB0, 4000)]
    public void CrossEntropyGradientsReachEveryFrontendParameter(EncoderKind encoder, int samples)
    {
        using var model = ClassifierTestModels.Create(encoder);
        using var scope = NewDisposeScope();
        manual_seed(11);
        var logits = model.forward(randn(4, samples).Times(0.1));
        nn.functional.cross_entropy(logits, tensor(new long[] { 0, 1, 2, 1 })).backward();
        foreach (var (name, p) in model.Frontend.named_parameters())
        {
            Assert.True(p.grad!.isfinite().all().item<bool>(), $"{name}: non-finite gradient");
            Assert.True(p.grad.abs().sum().item<float>() > 0, $"{name}: no gradient reaches the frontend");
        }
        Assert.All(model.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void EvalModeIsDeterministicAndPerSample()
    {
        using var model = ClassifierTestModels.Create(EncoderKind.EfficientNetB0, FrontendKind.Mel);
        BatchNormRandomisation.Apply(model, 5);
        model.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        manual_seed(12);
        var x = randn(3, 4000).Times(0.1);
        var batch = model.forward(x);
        Assert.True(TestSignals.Identical(batch, model.forward(x)), "eval mode must not draw dropout or stochastic-depth masks");
        for (int i = 0; i < 3; i++)
            Assert.True(batch[i].allclose(model.forward(x[i..(i + 1)])[0], rtol: 1e-4, atol: 1e-5), $"sample {i} depends on the rest of the batch");
    }

    [Fact]
    public void TrainModeUsesBatchStatisticsUpdatesRunningOnesAndDropsOut()
    {
        using var model = ClassifierTestModels.Create(EncoderKind.CompactCnn, FrontendKind.Mel);
        var norm = model.modules().OfType<BatchNormalization>().First();
        using var scope = NewDisposeScope();
        manual_seed(13);
        var x = randn(4, 8000).Times(0.1);
        var before = norm.running_mean.clone();
        using (no_grad())
        {
            model.eval();
            model.forward(x);
            Assert.True(TestSignals.Identical(before, norm.running_mean), "eval mode must not touch the running statistics");
            var evaluated = model.forward(x);
            model.train();
            var first = model.forward(x);
            var second = model.forward(x);
            Assert.False(TestSignals.Identical(before, norm.running_mean), "train mode must update the running statistics");
            Assert.False(first.allclose(second), "dropout must make two training passes differ");
            Assert.False(first.allclose(evaluated), "train mode must normalise with batch statistics");
        }
    }

    [Fact]
    public void StochasticDepthDropsWholeSamplesAndKeepsTheExpectation()
    {
        using var scope = NewDisposeScope();
        manual_seed(14);
        var branch = ones(20_000, 2, 3, 3);
        var dropped = StochasticDepth.Apply(branch, 0.25, training: true);
        var perSample = dropped.flatten(1);
        Assert.True(perSample.eq(perSample[.., 0..1]).all().item<bool>(), "a sample is dropped or kept as a whole");
        var values = perSample[.., 0];
        Assert.True(values.EqualTo(0).logical_or(values.EqualTo(1 / 0.75f)).all().item<bool>(), "kept branches are scaled by 1/(1 − p)");
        Assert.Equal(0.25, values.EqualTo(0).to_type(ScalarType.Float64).mean().item<double>(), 0.02);
        Assert.True(TestSignals.Identical(branch, StochasticDepth.Apply(branch, 0.25, training: false)));
    }

    [Fact]
    public void StateDictSaveAndLoadGiveIdenticalLogits()
    {
        using var trained = ClassifierTestModels.Create(EncoderKind.EfficientNetB0, FrontendKind.Leaf, ClassifierTestModels.Scenes, ClassifierTestModels.Birds);
        BatchNormRandomisation.Apply(trained, 6);
        using (var adam = new HeldScalarAdam(trained.parameters(), 0.01))
        using (var step = NewDisposeScope())
        {
            manual_seed(15);
            adam.zero_grad();
            var heads = trained.ForwardHeads(randn(2, 4000).Times(0.1));
            heads[0].Squared().mean().Plus(heads[1].Squared().mean()).backward();
            adam.step();
            trained.ApplyConstraints();
        }
        string path = Path.Combine(Path.GetTempPath(), $"leaf-classifier-{Guid.NewGuid():N}.dat");
        try
        {
            trained.save(path);
            using var restored = ClassifierTestModels.Create(EncoderKind.EfficientNetB0, FrontendKind.Leaf, ClassifierTestModels.Scenes, ClassifierTestModels.Birds);
            restored.load(path);
            trained.eval();
            restored.eval();
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var x = randn(2, 4000).Times(0.1);
            var expected = trained.ForwardHeads(x);
            var actual = restored.ForwardHeads(x);
            for (int i = 0; i < 2; i++) Assert.True(TestSignals.Identical(expected[i], actual[i]), $"head {i}");
        }
        finally { File.Delete(path); }
    }
}
