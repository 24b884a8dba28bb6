using Leaf.Frontends;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>TensorFlow <c>SAME</c> zero padding of the last (time) axis, as <see cref="FrameMath.SamePadding"/> computes it.</summary>
public static class SamePadding
{
    /// <summary>
    /// Zero-pads the last axis of <paramref name="input"/> so that a VALID convolution with this kernel and stride yields
    /// ⌈T/S⌉ outputs aligned like TF's <c>SAME</c> (the padding depends on T mod S, docs/frontends.md "Defaults and frame arithmetic").
    /// </summary>
    public static Tensor Apply(Tensor input, int kernel, int stride)
    {
        var (left, right) = FrameMath.SamePadding((int)input.shape[^1], kernel, stride);
        return nn.functional.pad(input, [left, right]);
    }
}
