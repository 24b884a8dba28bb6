namespace Leaf.Frontends.Classifiers;

/// <summary>
/// A 2-D convolution (cross-correlation, as in PyTorch and ONNX) with bias, followed by an activation:
/// y = act(conv(x, W, stride, padding, groups) + b).
/// </summary>
/// <param name="Weight">Kernel [out, in / groups, kernel height, kernel width].</param>
/// <param name="Bias">Bias [out].</param>
/// <param name="Stride">Strides [height, width].</param>
/// <param name="Padding">Zero padding [top, left, bottom, right] (ONNX's <c>pads</c> order).</param>
/// <param name="Groups">Number of groups; equal to the channel count for a depthwise convolution.</param>
/// <param name="Activation">Non-linearity applied to the result.</param>
public sealed record ConvLayer(ParameterTensor Weight, ParameterTensor Bias, int[] Stride, int[] Padding, int Groups, Activation Activation)
    : EncoderLayer
{
    /// <summary>Output channels (the kernel's first dimension).</summary>
    public int OutChannels => Weight.Shape[0];

    /// <summary>Input channels (the kernel's second dimension times the groups).</summary>
    public int InChannels => Weight.Shape[1] * Groups;

    /// <inheritdoc/>
    public override int OutputChannels(int inputChannels, string source)
    {
        Require(Weight is not null && Weight.Shape.Length == 4 && Weight.Shape.All(s => s >= 1) && Weight.ElementCount == Weight.Values.Length,
            source, "weight must be [out, in/groups, kh, kw] with matching values");
        Require(Groups >= 1 && OutChannels % Groups == 0, source, $"groups {Groups} must divide the {OutChannels} output channels");
        Require(InChannels == inputChannels, source, $"expects {InChannels} input channels, gets {inputChannels}");
        Require(Bias is not null && Bias.Shape.SequenceEqual([OutChannels]) && Bias.Values.Length == OutChannels, source, $"bias must be [{OutChannels}]");
        Require(Stride is { Length: 2 } && Stride.All(s => s >= 1), source, "stride must be [height ≥ 1, width ≥ 1]");
        Require(Padding is { Length: 4 } && Padding.All(p => p >= 0), source, "padding must be [top, left, bottom, right] ≥ 0");
        Require(Weight.Values.Concat(Bias.Values).All(float.IsFinite), source, "weights must be finite");
        return OutChannels;
    }
}
