using Leaf.Frontends.Classifiers;
using Leaf.Training.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Classifiers;

/// <summary>Conv2d (no bias) → batch normalisation → activation, the building block of both encoders.</summary>
public sealed class ConvBatchNorm : nn.Module<Tensor, Tensor>, IEncoderPart
{
#pragma warning disable IDE1006 // field names are the state-dict prefixes
    private readonly Conv2d conv;
    private readonly BatchNormalization norm;
#pragma warning restore IDE1006
    private readonly ConvSpec spec;
    private readonly BatchNormSettings settings;

    /// <summary>Builds the block; the kernel is initialised He-normal over fan-out (as EfficientNet), γ = 1, β = 0.</summary>
    /// <exception cref="ArgumentException"><paramref name="spec"/> is invalid.</exception>
    public ConvBatchNorm(ConvSpec spec, BatchNormSettings settings) : base(nameof(ConvBatchNorm))
    {
        spec.Validate();
        this.spec = spec;
        this.settings = settings;
        conv = nn.Conv2d(spec.InChannels, spec.OutChannels, spec.Kernel, spec.Stride, spec.Padding, groups: spec.Groups, bias: false);
        norm = new BatchNormalization(spec.OutChannels, settings);
        using (no_grad()) nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
        RegisterComponents();
    }

    /// <summary>The convolution's geometry and activation.</summary>
    public ConvSpec Spec => spec;

    /// <summary>act(BN(conv(x))) for x [batch, in, H, W].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return spec.Activation.Apply(norm.forward(conv.forward(input))).MoveToOuterDisposeScope();
    }

    /// <summary>The running statistics and affine parameters of the normalisation.</summary>
    public BatchNormStatistics NormStatistics() => new(
        ParameterValues.ToFloats(norm.weight), ParameterValues.ToFloats(norm.bias),
        ParameterValues.ToFloats(norm.running_mean), ParameterValues.ToFloats(norm.running_var), settings.Epsilon);

    /// <inheritdoc/>
    public IEnumerable<EncoderLayer> ToLayers()
    {
        var (weight, bias) = BatchNormFolding.Fold(conv.weight!.ToParameterTensor(), null, NormStatistics());
        yield return spec.ToLayer(weight, bias);
    }
}
