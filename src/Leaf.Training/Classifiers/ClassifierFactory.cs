using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Training.Frontends;
using static TorchSharp.torch;

namespace Leaf.Training.Classifiers;

/// <summary>Builds classifiers and encoders from their options.</summary>
public static class ClassifierFactory
{
    /// <summary>A classifier with the frontend of <paramref name="frontend"/> and the encoder and heads of <paramref name="options"/>.</summary>
    /// <param name="frontend">The frontend.</param>
    /// <param name="options">Encoder and heads.</param>
    /// <param name="leafAlgorithm">For LEAF: how its pooled energies are computed (see <see cref="LeafFrontend"/>).</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static AudioClassifier Create(FrontendDescription frontend, ClassifierOptions options, LeafAlgorithm leafAlgorithm = LeafAlgorithm.Exact) =>
        Create(FrontendFactory.Create(frontend, leafAlgorithm), options);

    /// <summary>A classifier behind an existing frontend module.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static AudioClassifier Create(Frontend frontend, ClassifierOptions options)
    {
        options.Validate();
        return new AudioClassifier(frontend, CreateEncoder(options), options);
    }

    /// <summary>The encoder module of <paramref name="options"/>; it also implements <see cref="IEncoder"/>.</summary>
    public static nn.Module<Tensor, Tensor> CreateEncoder(ClassifierOptions options) => options.Encoder switch
    {
        EncoderKind.CompactCnn => new CompactCnn(),
        EncoderKind.EfficientNetB0 => new EfficientNetB0(options.StochasticDepth),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Encoder, "unknown encoder"),
    };
}
