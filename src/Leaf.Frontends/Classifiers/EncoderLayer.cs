using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Leaf.Frontends.Classifiers;

/// <summary>
/// One inference-time layer of a classifier's encoder, acting on feature maps [batch, channels, height = frames,
/// width = frequency channels]. Batch normalisation is already folded into the convolutions and training-only layers
/// (dropout, stochastic depth) are absent.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ConvLayer), "conv")]
[JsonDerivedType(typeof(MaxPoolLayer), "max-pool")]
[JsonDerivedType(typeof(SqueezeExcitationLayer), "squeeze-excitation")]
[JsonDerivedType(typeof(ResidualLayer), "residual")]
[JsonDerivedType(typeof(StandardizeLayer), "standardize")]
public abstract record EncoderLayer
{
    /// <summary>The number of channels this layer outputs for <paramref name="inputChannels"/> input channels, after checking its shapes.</summary>
    /// <exception cref="FormatException">The layer's shapes are inconsistent or do not fit the input; the message names <paramref name="source"/>.</exception>
    public abstract int OutputChannels(int inputChannels, string source);

    /// <summary>Throws a <see cref="FormatException"/> prefixed with <paramref name="source"/>.</summary>
    protected static void Require([DoesNotReturnIf(false)] bool condition, string source, string what)
    {
        if (!condition) throw new FormatException($"{source}: {what}");
    }

    /// <summary>Runs <paramref name="layers"/> in order from <paramref name="inputChannels"/>, returning the last output channel count.</summary>
    public static int OutputChannels(IReadOnlyList<EncoderLayer> layers, int inputChannels, string source)
    {
        int channels = inputChannels;
        for (int i = 0; i < layers.Count; i++)
        {
            Require(layers[i] is not null, source, $"layer {i} is null");
            channels = layers[i].OutputChannels(channels, $"{source}, layer {i} ({layers[i].GetType().Name})");
        }
        return channels;
    }
}
