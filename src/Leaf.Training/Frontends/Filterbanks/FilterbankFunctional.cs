using Leaf.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Filterbanks;

/// <summary>
/// The filterbanks' math as pure tensor functions (torchaudio's <c>functional</c> split): the modules hold the parameters
/// and call these, and LEAF's exact and fast paths compute from the same impulse responses.
/// </summary>
public static class FilterbankFunctional
{
    /// <summary>
    /// Gabor impulse responses φ_n(t) = 1/(√(2π)σ_n)·exp(−t²/(2σ_n²))·(cos η_n t, sin η_n t) for t = −⌊K/2⌋ … ⌈K/2⌉−1
    /// (docs/frontends.md "Gabor filterbank"), after clipping η to [0, π] and σ to the <see cref="GaborConstraint"/> bounds: real and imaginary parts,
    /// each [N, K], differentiable in η and σ.
    /// </summary>
    /// <param name="center">Centre frequencies η [N] in radians per sample.</param>
    /// <param name="width">Envelope standard deviations σ [N] in samples.</param>
    /// <param name="windowLength">Kernel length K.</param>
    public static (Tensor Real, Tensor Imag) GaborImpulseResponses(Tensor center, Tensor width, int windowLength)
    {
        using var scope = NewDisposeScope();
        var eta = center.Clipped(0, Math.PI).unsqueeze(1);
        var sigma = width.Clipped(GaborConstraint.MinWidth, GaborConstraint.MaxWidth(windowLength)).unsqueeze(1);
        var t = ScalarArguments.Range(windowLength, center.dtype, center.device).Plus(-(windowLength / 2)).unsqueeze(0);
        var scale = sigma.Times(Math.Sqrt(2 * Math.PI)).reciprocal();
        var envelope = t.Squared().Times(sigma.Squared().Times(-2).reciprocal()).exp();
        var phase = eta.Times(t);
        var re = scale.Times(phase.cos()).Times(envelope);
        var im = scale.Times(phase.sin()).Times(envelope);
        return (re.MoveToOuterDisposeScope(), im.MoveToOuterDisposeScope());
    }

    /// <summary>The 2N real kernels [2N, K] of complex responses [N, K]: real and imaginary rows interleaved, as the reference.</summary>
    public static Tensor InterleavedKernels(Tensor real, Tensor imag)
    {
        using var scope = NewDisposeScope();
        return stack([real, imag], 1).reshape(2 * real.shape[0], real.shape[1]).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Cross-correlation of waveforms [batch, 1, T] with kernels [C, K], as TF's <c>conv1d</c>: y_c[m] = Σ_t x[m + t]·k_c[t],
    /// stride 1, TF <c>SAME</c> padding (⌊(K−1)/2⌋ left, the rest right), no bias: [batch, C, T].
    /// </summary>
    /// <exception cref="ArgumentException">The waveform's dtype is not the kernels'.</exception>
    public static Tensor Correlate(Tensor waveform, Tensor kernels)
    {
        if (waveform.dtype != kernels.dtype)
            throw new ArgumentException($"the waveform is {waveform.dtype} but the filterbank is {kernels.dtype}; convert one of them", nameof(waveform));
        using var scope = NewDisposeScope();
        var padded = SamePadding.Apply(waveform, (int)kernels.shape[1], 1);
        return nn.functional.conv1d(padded, kernels.unsqueeze(1)).MoveToOuterDisposeScope();
    }

    /// <summary>Squared modulus (docs/frontends.md "Gabor filterbank") of interleaved channels [batch, 2N, T] (2n = Re, 2n+1 = Im): [batch, N, T].</summary>
    public static Tensor SquaredModulus(Tensor interleaved)
    {
        using var scope = NewDisposeScope();
        long batch = interleaved.shape[0], n = interleaved.shape[1] / 2, time = interleaved.shape[2];
        return interleaved.reshape(batch, n, 2, time).Squared().sum(2).MoveToOuterDisposeScope();
    }
}
