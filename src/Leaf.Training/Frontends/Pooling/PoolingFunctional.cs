using Leaf.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Pooling;

/// <summary>
/// The poolings' math as pure tensor functions (torchaudio's <c>functional</c> split): the modules hold the parameters
/// and call these, and LEAF's exact and fast paths compute from the same windows.
/// </summary>
public static class PoolingFunctional
{
    /// <summary>
    /// LEAF's unnormalised Gaussian windows (docs/frontends.md "Gaussian pooling") w_n[k] = exp(−½·((k − (K−1)/2)/(σ̃_n·(K−1)/2))²) with
    /// σ̃_n = clip(p_n, 2/K, 0.5): [N, K], differentiable in the widths.
    /// </summary>
    /// <param name="width">Widths p [N], as fractions of half the window.</param>
    /// <param name="windowLength">Window length K.</param>
    public static Tensor GaussianWindows(Tensor width, int windowLength)
    {
        using var scope = NewDisposeScope();
        double half = 0.5 * (windowLength - 1);
        var sigma = width.Clipped(GaussianLowpassWindow.MinWidth(windowLength), GaussianLowpassWindow.MaxWidth).Times(half);
        var offset = ScalarArguments.Range(windowLength, width.dtype, width.device).Plus(-half);
        var x = offset.unsqueeze(0).DividedBy(sigma.unsqueeze(1));
        return x.Squared().Times(-0.5).exp().MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Per-channel windows [N, K] applied to energies [batch, N, T] as a depthwise convolution with stride S and TF
    /// <c>SAME</c> padding: [batch, N, ⌈T/S⌉].
    /// </summary>
    /// <exception cref="ArgumentException">The energies' dtype is not the windows'.</exception>
    public static Tensor DepthwisePool(Tensor energies, Tensor windows, int stride)
    {
        if (energies.dtype != windows.dtype)
            throw new ArgumentException($"the energies are {energies.dtype} but the pooling is {windows.dtype}; convert one of them", nameof(energies));
        using var scope = NewDisposeScope();
        var padded = SamePadding.Apply(energies, (int)windows.shape[1], stride);
        return nn.functional.conv1d(padded, windows.unsqueeze(1), stride: stride, groups: windows.shape[0]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// TF <c>SAME</c> max pooling of [batch, N, T] to [batch, N, ⌈T/S⌉] (SincNet, docs/frontends.md "Baselines"): the padding of
    /// <see cref="FrameMath.SamePadding"/> is −∞, so only real samples can be the maximum.
    /// </summary>
    public static Tensor MaxPoolSame(Tensor x, int kernel, int stride)
    {
        using var scope = NewDisposeScope();
        var (left, right) = FrameMath.SamePadding((int)x.shape[^1], kernel, stride);
        var padded = nn.functional.pad(x, [left, right], value: double.NegativeInfinity);
        return nn.functional.max_pool1d(padded, kernel, stride).MoveToOuterDisposeScope();
    }
}
