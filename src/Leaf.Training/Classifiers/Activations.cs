using Leaf.Frontends.Classifiers;
using static TorchSharp.torch;

namespace Leaf.Training.Classifiers;

/// <summary>Applies an <see cref="Activation"/> to a tensor.</summary>
public static class Activations
{
    /// <summary><paramref name="activation"/>(x), element-wise.</summary>
    public static Tensor Apply(this Activation activation, Tensor x) => activation switch
    {
        Activation.None => x.alias(),
        Activation.Relu => nn.functional.relu(x),
        Activation.Silu => nn.functional.silu(x),
        Activation.Sigmoid => x.sigmoid(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
