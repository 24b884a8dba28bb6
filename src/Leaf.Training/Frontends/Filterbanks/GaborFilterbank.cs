using Leaf.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Filterbanks;

/// <summary>
/// LEAF's complex Gabor filterbank (paper "Filtering"; docs/frontends.md "Gabor filterbank") as one real convolution with 2N output channels: waveform [batch, T] →
/// [batch, 2N, T], channel 2n = Re and 2n+1 = Im of filter n (the reference's interleaving), stride 1, TF <c>SAME</c>
/// padding (⌊(K−1)/2⌋ left, the rest right). The kernels are rebuilt from (η, σ) with real arithmetic on every forward
/// pass, so both parameters get gradients.
/// </summary>
public sealed class GaborFilterbank : nn.Module<Tensor, Tensor>, IConstrained
{
    // Field names are the state-dict names (filterbank.center, filterbank.width).
    private readonly Parameter center, width;

    /// <summary>Creates the filterbank.</summary>
    /// <param name="centers">Centre frequencies η_n in radians per sample.</param>
    /// <param name="widths">Envelope standard deviations σ_n in samples.</param>
    /// <param name="windowLength">Kernel length K.</param>
    /// <param name="learn">Whether η and σ are trainable (<c>learn_filters</c>).</param>
    /// <exception cref="ArgumentException">Lengths differ, or K &lt; 1.</exception>
    public GaborFilterbank(float[] centers, float[] widths, int windowLength, bool learn = true) : base(nameof(GaborFilterbank))
    {
        if (centers.Length < 1 || centers.Length != widths.Length)
            throw new ArgumentException($"Gabor filterbank needs as many widths as centres (≥ 1); got {centers.Length} centres and {widths.Length} widths", nameof(widths));
        if (windowLength < 1) throw new ArgumentOutOfRangeException(nameof(windowLength), windowLength, "kernel length must be at least 1 sample");
        WindowLength = windowLength;
        center = new Parameter(tensor(centers), learn);
        width = new Parameter(tensor(widths), learn);
        RegisterComponents();
    }

    /// <summary>Kernel length K.</summary>
    public int WindowLength { get; }

    /// <summary>Number of complex filters N.</summary>
    public int Filters => (int)center.shape[0];

    /// <summary>Stored centres η (rad/sample), before the forward clip.</summary>
    public float[] Centers => ParameterValues.ToFloats(center);

    /// <summary>Stored widths σ (samples), before the forward clip.</summary>
    public float[] Widths => ParameterValues.ToFloats(width);

    /// <summary>
    /// The current impulse responses, real and imaginary parts [N, K] (<see cref="FilterbankFunctional.GaborImpulseResponses"/>
    /// of the stored η and σ, clipped).
    /// </summary>
    public (Tensor Real, Tensor Imag) ImpulseResponses() => FilterbankFunctional.GaborImpulseResponses(center, width, WindowLength);

    /// <summary>The 2N real convolution kernels [2N, K], real and imaginary rows interleaved.</summary>
    public Tensor Kernels()
    {
        using var scope = NewDisposeScope();
        var (re, im) = ImpulseResponses();
        return FilterbankFunctional.InterleavedKernels(re, im).MoveToOuterDisposeScope();
    }

    /// <summary>Filters waveforms [batch, T] (T ≥ 1) into [batch, 2N, T].</summary>
    /// <exception cref="ArgumentException">The input is not [batch, T] with T ≥ 1.</exception>
    public override Tensor forward(Tensor waveform)
    {
        if (waveform.dim() != 2 || waveform.shape[1] < 1)
            throw new ArgumentException($"the Gabor filterbank expects a waveform [batch, samples ≥ 1], got [{string.Join(", ", waveform.shape)}]", nameof(waveform));
        using var scope = NewDisposeScope();
        return FilterbankFunctional.Correlate(waveform.unsqueeze(1), Kernels()).MoveToOuterDisposeScope();
    }

    /// <summary>Projects the stored η into [0, π] and σ into the <see cref="GaborConstraint"/> bounds (Keras constraint).</summary>
    public void ApplyConstraints()
    {
        using var noGrad = no_grad();
        center.ClipInPlace(0, Math.PI);
        width.ClipInPlace(GaborConstraint.MinWidth, GaborConstraint.MaxWidth(WindowLength));
    }
}
