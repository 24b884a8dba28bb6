using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>Counting a module's learned parameters (docs/frontends.md "Parameter counts").</summary>
public static class ParameterCount
{
    /// <summary>Number of scalar parameters of <paramref name="module"/>, or only of those that require gradients.</summary>
    public static long CountParameters(this nn.Module module, bool trainableOnly = false) =>
        module.parameters().Where(p => !trainableOnly || p.requires_grad).Sum(p => p.numel());
}
