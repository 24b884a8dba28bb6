using Leaf.Training.Classifiers;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

public sealed class BatchNormalizationTests
{
    private static readonly BatchNormSettings Settings = new(1e-3, 0.1);

    [Fact]
    public void TrainingNormalisesWithTheBatchStatisticsAndMovesTheRunningOnes()
    {
        using var norm = new BatchNormalization(3, Settings);
        using var scope = NewDisposeScope();
        manual_seed(3);
        using (no_grad())
        {
            norm.weight.copy_(tensor(new[] { 1.5f, 0.5f, 2f }));
            norm.bias.copy_(tensor(new[] { 0.1f, -0.2f, 0.3f }));
        }
        var x = randn(4, 3, 5, 6).Times(2).Plus(1);
        norm.train();
        var y = norm.forward(x);

        var perChannel = x.transpose(0, 1).reshape(3, -1).to_type(ScalarType.Float64);
        var mean = perChannel.mean([1]);
        var biased = perChannel.var(1, unbiased: false);
        var expected = x.to_type(ScalarType.Float64).sub(mean.reshape(1, 3, 1, 1)).div(biased.Plus(Settings.Epsilon).sqrt().reshape(1, 3, 1, 1))
            .mul(norm.weight.to_type(ScalarType.Float64).reshape(1, 3, 1, 1)).Plus(norm.bias.to_type(ScalarType.Float64).reshape(1, 3, 1, 1));
        Assert.True(y.to_type(ScalarType.Float64).allclose(expected, rtol: 1e-5, atol: 1e-5), "training output is not (x − μ_B)/√(σ²_B + ε)·γ + β");

        // running ← (1 − momentum)·running + momentum·batch, with the unbiased batch variance (PyTorch's convention)
        Assert.True(norm.running_mean.to_type(ScalarType.Float64).allclose(mean.Times(Settings.Momentum), rtol: 1e-5, atol: 1e-7));
        var unbiased = perChannel.var(1, unbiased: true);
        Assert.True(norm.running_var.to_type(ScalarType.Float64).allclose(unbiased.Times(Settings.Momentum).Plus(1 - Settings.Momentum), rtol: 1e-5, atol: 1e-7));
        Assert.Equal(1L, norm.state_dict()["num_batches_tracked"].item<long>());
    }

    [Fact]
    public void EvaluationUsesTheRunningStatisticsAndLeavesThemAlone()
    {
        using var norm = new BatchNormalization(2, Settings);
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            norm.running_mean.copy_(tensor(new[] { 0.5f, -1f }));
            norm.running_var.copy_(tensor(new[] { 4f, 0.25f }));
        }
        norm.eval();
        var x = randn(2, 2, 3, 3);
        var y = norm.forward(x);
        var expected = x.sub(norm.running_mean.reshape(1, 2, 1, 1)).div(norm.running_var.Plus(Settings.Epsilon).sqrt().reshape(1, 2, 1, 1));
        Assert.True(y.allclose(expected, rtol: 1e-6, atol: 1e-6));
        Assert.Equal(0L, norm.state_dict()["num_batches_tracked"].item<long>());
        Assert.Equal([0.5f, -1f], norm.running_mean.data<float>().ToArray());
    }

    [Fact]
    public void StateDictHasPyTorchsBatchNormNames()
    {
        using var norm = new BatchNormalization(2, Settings);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], norm.state_dict().Keys);
        Assert.Equal(["weight", "bias"], norm.named_parameters().Select(p => p.name));
    }
}
