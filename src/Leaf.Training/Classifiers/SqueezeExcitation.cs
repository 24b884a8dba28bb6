using Leaf.Frontends.Classifiers;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Classifiers;

/// <summary>
/// Squeeze-and-excitation as in EfficientNet: x · σ(W₂ · SiLU(W₁ · mean_HW(x) + b₁) + b₂), with 1×1 convolutions
/// <c>reduce</c> (C → C') and <c>expand</c> (C' → C).
/// </summary>
public sealed class SqueezeExcitation : nn.Module<Tensor, Tensor>, IEncoderPart
{
#pragma warning disable IDE1006 // field names are the state-dict prefixes
    private readonly Conv2d reduce;
    private readonly Conv2d expand;
#pragma warning restore IDE1006
    private readonly ConvSpec reduceSpec;
    private readonly ConvSpec expandSpec;

    /// <summary>Gates <paramref name="channels"/> channels through a bottleneck of <paramref name="squeezed"/> channels.</summary>
    /// <exception cref="ArgumentException">A channel count is not positive.</exception>
    public SqueezeExcitation(int channels, int squeezed) : base(nameof(SqueezeExcitation))
    {
        reduceSpec = new ConvSpec(channels, squeezed, 1, Activation: Activation.Silu);
        expandSpec = new ConvSpec(squeezed, channels, 1, Activation: Activation.Sigmoid);
        reduceSpec.Validate();
        expandSpec.Validate();
        reduce = nn.Conv2d(channels, squeezed, 1);
        expand = nn.Conv2d(squeezed, channels, 1);
        RegisterComponents();
    }

    /// <summary>x [batch, C, H, W] scaled per channel by its gate in (0, 1).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var squeezed = input.mean([2, 3], keepdim: true);
        var gate = expandSpec.Activation.Apply(expand.forward(reduceSpec.Activation.Apply(reduce.forward(squeezed))));
        return input.Times(gate).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public IEnumerable<EncoderLayer> ToLayers()
    {
        yield return new SqueezeExcitationLayer(
            reduceSpec.ToLayer(reduce.weight!.ToParameterTensor(), reduce.bias!.ToParameterTensor()),
            expandSpec.ToLayer(expand.weight!.ToParameterTensor(), expand.bias!.ToParameterTensor()));
    }
}
