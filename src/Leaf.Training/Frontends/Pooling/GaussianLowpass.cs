using Leaf.Frontends;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Pooling;

/// <summary>
/// LEAF's Gaussian low-pass pooling (paper "Pooling"; docs/frontends.md "Gaussian pooling"): one learnable width p_n per channel, an unnormalised Gaussian window
/// w_n[k] = exp(−½·((k − (K−1)/2)/(σ̃_n·(K−1)/2))²) with σ̃_n = clip(p_n, 2/K, 0.5), applied as a depthwise convolution
/// with stride S and TF <c>SAME</c> padding: [batch, channels, T] → [batch, channels, ⌈T/S⌉].
/// </summary>
/// <remarks>
/// The clip is forward-only, as in the reference (no projection after the optimiser step): a width that drifts outside
/// [2/K, 0.5] gets zero gradient and stays frozen there (docs/frontends.md "Constraints and gradients").
/// </remarks>
public sealed class GaussianLowpass : nn.Module<Tensor, Tensor>
{
    // Field names are the state-dict names (pooling.width).
    private readonly Parameter width;

    /// <summary>Creates the pooling with the given initial widths (one per channel; LEAF initialises them to 0.4).</summary>
    /// <param name="widths">Initial widths p_n, as fractions of half the window.</param>
    /// <param name="windowLength">Window length K in samples (401 at 16 kHz, 25 ms).</param>
    /// <param name="stride">Stride S in samples (160 at 16 kHz, 10 ms).</param>
    /// <param name="learn">Whether the widths are trainable (<c>learn_pooling</c>).</param>
    public GaussianLowpass(float[] widths, int windowLength, int stride, bool learn = true) : base(nameof(GaussianLowpass))
    {
        if (widths.Length < 1) throw new ArgumentException("Gaussian pooling needs at least one channel width", nameof(widths));
        if (windowLength < 1) throw new ArgumentOutOfRangeException(nameof(windowLength), windowLength, "pooling window must be at least 1 sample");
        if (stride < 1) throw new ArgumentOutOfRangeException(nameof(stride), stride, "pooling stride must be at least 1 sample");
        WindowLength = windowLength;
        Stride = stride;
        width = new Parameter(tensor(widths), requires_grad: learn);
        RegisterComponents();
    }

    /// <summary>Window length K.</summary>
    public int WindowLength { get; }

    /// <summary>Stride S.</summary>
    public int Stride { get; }

    /// <summary>Number of channels N.</summary>
    public int Channels => (int)width.shape[0];

    /// <summary>The stored (unclipped) widths as float32.</summary>
    public float[] Widths => ParameterValues.ToFloats(width);

    /// <summary>The pooling windows [N, K] after the forward clip (differentiable in the widths).</summary>
    public Tensor Windows() => PoolingFunctional.GaussianWindows(width, WindowLength);

    /// <summary>Pools energies [batch, N, T] to [batch, N, ⌈T/S⌉].</summary>
    /// <exception cref="ArgumentException">The input is not [batch, N, T] with T ≥ 1.</exception>
    public override Tensor forward(Tensor energies)
    {
        if (energies.dim() != 3 || energies.shape[1] != Channels || energies.shape[2] < 1)
            throw new ArgumentException($"Gaussian pooling expects [batch, {Channels}, time ≥ 1], got [{string.Join(", ", energies.shape)}]", nameof(energies));
        using var scope = NewDisposeScope();
        return PoolingFunctional.DepthwisePool(energies, Windows(), Stride).MoveToOuterDisposeScope();
    }
}
