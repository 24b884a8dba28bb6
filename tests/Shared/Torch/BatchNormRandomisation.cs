using Leaf.Training;
using Leaf.Training.Classifiers;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Tests;

/// <summary>Non-trivial batch-norm statistics, so that folding them into convolutions is really exercised.</summary>
public static class BatchNormRandomisation
{
    /// <summary>Random γ ≈ 1 ± 0.3, β and running mean ≈ ±0.2, running variance in [0.5, 1.5) in every batch norm of <paramref name="module"/>.</summary>
    public static void Apply(nn.Module module, int seed)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        manual_seed(seed);
        foreach (var norm in module.modules().OfType<BatchNormalization>())
        {
            norm.weight.copy_(randn_like(norm.weight).Times(0.3).Plus(1));
            norm.bias.copy_(randn_like(norm.bias).Times(0.2));
            norm.running_mean.copy_(randn_like(norm.running_mean).Times(0.2));
            norm.running_var.copy_(rand_like(norm.running_var).Plus(0.5));
        }
    }
}
