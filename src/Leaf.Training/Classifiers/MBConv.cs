using Leaf.Frontends.Classifiers;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Classifiers;

/// <summary>
/// EfficientNet's MBConv block: [1×1 expansion conv → BN → SiLU] → depthwise k×k conv → BN → SiLU → squeeze-and-excitation
/// → 1×1 projection conv → BN, plus the input (after stochastic depth) when the block keeps stride and channels.
/// </summary>
public sealed class MBConv : nn.Module<Tensor, Tensor>, IEncoderPart
{
#pragma warning disable IDE1006 // field names are the state-dict prefixes
    private readonly ConvBatchNorm? expand;
    private readonly ConvBatchNorm depthwise;
    private readonly SqueezeExcitation se;
    private readonly ConvBatchNorm project;
#pragma warning restore IDE1006
    private readonly MBConvSpec spec;

    /// <summary>Builds the block of <paramref name="spec"/> with <paramref name="norm"/> batch normalisation.</summary>
    public MBConv(MBConvSpec spec, BatchNormSettings norm) : base(nameof(MBConv))
    {
        this.spec = spec;
        int mid = spec.ExpandedChannels;
        if (spec.Expansion != 1) expand = new ConvBatchNorm(new ConvSpec(spec.InChannels, mid, 1, Activation: Activation.Silu), norm);
        depthwise = new ConvBatchNorm(ConvSpec.Depthwise(mid, spec.Kernel, spec.Stride, Activation.Silu), norm);
        se = new SqueezeExcitation(mid, spec.SqueezedChannels);
        project = new ConvBatchNorm(new ConvSpec(mid, spec.OutChannels, 1), norm);
        RegisterComponents();
    }

    /// <summary>The block's sizes.</summary>
    public MBConvSpec Spec => spec;

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = expand is null ? input : expand.forward(input);
        y = project.forward(se.forward(depthwise.forward(y)));
        if (spec.HasResidual) y = StochasticDepth.Apply(y, spec.DropRate, training).Plus(input);
        return y.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public IEnumerable<EncoderLayer> ToLayers()
    {
        IEncoderPart[] parts = expand is null ? [depthwise, se, project] : [expand, depthwise, se, project];
        var branch = parts.SelectMany(p => p.ToLayers()).ToArray();
        return spec.HasResidual ? [new ResidualLayer(branch)] : branch;
    }
}
