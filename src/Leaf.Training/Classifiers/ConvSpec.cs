using Leaf.Frontends;
using Leaf.Frontends.Classifiers;

namespace Leaf.Training.Classifiers;

/// <summary>A square 2-D convolution with symmetric "same" padding ((kernel − 1)/2 on every side, kernel odd).</summary>
/// <param name="InChannels">Input channels.</param>
/// <param name="OutChannels">Output channels.</param>
/// <param name="Kernel">Kernel size (odd).</param>
/// <param name="Stride">Stride along both axes.</param>
/// <param name="Groups">Groups (= channels for a depthwise convolution).</param>
/// <param name="Activation">Activation after the (normalised) convolution.</param>
public sealed record ConvSpec(int InChannels, int OutChannels, int Kernel, int Stride = 1, int Groups = 1, Activation Activation = Activation.None)
{
    /// <summary>Zero padding on each side.</summary>
    public int Padding => (Kernel - 1) / 2;

    /// <summary>A depthwise convolution over <paramref name="channels"/> channels.</summary>
    public static ConvSpec Depthwise(int channels, int kernel, int stride, Activation activation) => new(channels, channels, kernel, stride, channels, activation);

    /// <summary>The inference layer of this convolution with the given (already folded) weights.</summary>
    public ConvLayer ToLayer(ParameterTensor weight, ParameterTensor bias) =>
        new(weight, bias, [Stride, Stride], [Padding, Padding, Padding, Padding], Groups, Activation);

    /// <summary>Checks sizes.</summary>
    /// <exception cref="ArgumentException">A size is not positive, the kernel is even, or the groups do not divide the channels.</exception>
    public void Validate()
    {
        if (InChannels < 1 || OutChannels < 1 || Kernel < 1 || Stride < 1 || Groups < 1)
            throw new ArgumentException($"convolution sizes must be positive: {this}");
        if (Kernel % 2 == 0) throw new ArgumentException($"convolution kernel {Kernel} must be odd for symmetric same padding");
        if (InChannels % Groups != 0 || OutChannels % Groups != 0)
            throw new ArgumentException($"groups {Groups} must divide {InChannels} input and {OutChannels} output channels");
    }
}
