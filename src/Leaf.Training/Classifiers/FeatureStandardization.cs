using Leaf.Frontends.Classifiers;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Classifiers;

/// <summary>
/// The module of <see cref="StandardizeLayer"/>: per-example standardisation of images [batch, C, H, W] over C, H and W,
/// (x − mean) / √(var + ε) with the biased variance. No parameters; the same in training and evaluation.
/// </summary>
public sealed class FeatureStandardization : nn.Module<Tensor, Tensor>
{
    /// <summary>A layer with the variance epsilon <paramref name="epsilon"/>.</summary>
    public FeatureStandardization(double epsilon = StandardizeLayer.DefaultEpsilon) : base(nameof(FeatureStandardization))
    {
        Layer = new StandardizeLayer(epsilon);
        Layer.OutputChannels(1, nameof(FeatureStandardization));
    }

    /// <summary>The runtime-free layer this module computes.</summary>
    public StandardizeLayer Layer { get; }

    /// <summary>Standardised images [batch, C, H, W].</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        long[] axes = [1, 2, 3];
        var centred = images.Minus(images.mean(axes, keepdim: true));
        var variance = centred.Squared().mean(axes, keepdim: true);
        return centred.Times(variance.Plus(Layer.Epsilon).rsqrt()).MoveToOuterDisposeScope();
    }
}
