using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Compression;

/// <summary>
/// sPCEN's smoother (docs/frontends.md "sPCEN"): M[0] = E[0], M[t] = s·E[t] + (1 − s)·M[t−1], with s clipped to [0, 1], computed exactly
/// in blocks instead of one step per frame; with a warm start the state before the first frame is the mean energy instead.
/// </summary>
/// <remarks>
/// Starting from the state c = M[t₀−1] (E[0] before the first block, which reproduces M[0] = E[0]), a block of L frames is
/// M[t₀+i] = Σ_{j≤i} s·(1−s)^(i−j)·E[t₀+j] + (1−s)^(i+1)·c: one lower-triangular L×L matrix per channel applied to every
/// block at once, then a short scan over the ⌈T/L⌉ block carries. Everything is a polynomial in s, so it is exact for
/// s = 0, s = 1 and tiny s alike, and differentiable in s and E.
/// </remarks>
public static class ExponentialMovingAverage
{
    /// <summary>Default block length L.</summary>
    public const int DefaultBlockLength = 64;

    /// <summary>Smooths <paramref name="energies"/> [batch, N, T] over time with coefficients <paramref name="smoothing"/> [N] or [1].</summary>
    /// <param name="energies">Energies [batch, N, T ≥ 1].</param>
    /// <param name="smoothing">Coefficients s, clipped to [0, 1].</param>
    /// <param name="warmStart">Start from each channel's mean energy (M[−1] = mean(E)) instead of the first frame (M[−1] = E[0]); see <c>PcenOptions.WarmStart</c>.</param>
    /// <param name="blockLength">Frames per block of the exact blocked computation.</param>
    /// <param name="initialState">
    /// M[−1] [batch, N]: the smoothed value of the frame before the first, to continue a signal given in pieces (the last
    /// frame of the previous piece's output); null to start it (E[0], or the mean with <paramref name="warmStart"/>).
    /// Pieces of whole blocks continue the same blocked computation as one call on the whole signal.
    /// </param>
    /// <exception cref="ArgumentException">Shapes do not fit, T is 0 or the block length is not positive.</exception>
    public static Tensor Apply(Tensor energies, Tensor smoothing, bool warmStart = false, int blockLength = DefaultBlockLength, Tensor? initialState = null)
    {
        if (energies.dim() != 3 || energies.shape[2] < 1)
            throw new ArgumentException($"the moving average expects [batch, channels, time ≥ 1], got [{string.Join(", ", energies.shape)}]", nameof(energies));
        long channels = energies.shape[1], frames = energies.shape[2];
        if (smoothing.dim() != 1 || (smoothing.shape[0] != channels && smoothing.shape[0] != 1))
            throw new ArgumentException($"smoothing must have {channels} or 1 values, got [{string.Join(", ", smoothing.shape)}]", nameof(smoothing));
        if (smoothing.dtype != energies.dtype)
            throw new ArgumentException($"smoothing is {smoothing.dtype} but the energies are {energies.dtype}; convert the module or the input", nameof(energies));
        if (blockLength < 1) throw new ArgumentOutOfRangeException(nameof(blockLength), blockLength, "block length must be positive");
        if (initialState is not null && (initialState.dim() != 2 || initialState.shape[0] != energies.shape[0] || initialState.shape[1] != channels))
            throw new ArgumentException($"the initial state must be [{energies.shape[0]}, {channels}], got [{string.Join(", ", initialState.shape)}]", nameof(initialState));

        using var scope = NewDisposeScope();
        long batch = energies.shape[0];
        int block = (int)Math.Min(blockLength, frames);
        long blocks = (frames + block - 1) / block;
        var s = smoothing.Clipped(0, 1).expand(channels);
        var (within, carryDecay) = BlockOperators(s, block);

        // Intra-block part of every block at once; zero padding at the end only affects frames past T.
        var padded = nn.functional.pad(energies, [0, blocks * block - frames]).reshape(batch, channels, blocks, block);
        var intra = padded.matmul(within.transpose(1, 2));

        // Scan over block carries: c_{k+1} = intra_k[L−1] + (1−s)^L·c_k, c_0 = E[0].
        var decayPerBlock = carryDecay[.., block - 1];
        var carry = initialState ?? (warmStart ? energies.mean([2L]) : energies[.., .., 0]);
        var starts = new List<Tensor>((int)blocks);
        for (long k = 0; k < blocks; k++)
        {
            starts.Add(carry);
            carry = intra[.., .., k, block - 1].Plus(decayPerBlock.Times(carry));
        }
        var smoothed = intra.Plus(stack(starts, 2).unsqueeze(-1).Times(carryDecay.unsqueeze(1)));
        return smoothed.reshape(batch, channels, blocks * block)[.., .., ..(int)frames].MoveToOuterDisposeScope();
    }

    // Within-block matrix A[n,i,j] = s·(1−s)^(i−j) for j ≤ i (else 0) and carry weights P[n,i] = (1−s)^(i+1).
    private static (Tensor Within, Tensor CarryDecay) BlockOperators(Tensor s, int block)
    {
        var decay = s.SubtractedFrom(1);
        var index = ScalarArguments.Range(block, s.dtype, s.device);
        var lag = index.unsqueeze(1).Minus(index.unsqueeze(0));
        var causal = lag.AtLeastMask(0).to_type(s.dtype);
        // pow(0, 0) = 1 and its gradient is 0 where the exponent is 0, so s = 1 is exact too.
        var within = s.reshape(-1, 1, 1).Times(decay.reshape(-1, 1, 1).pow(lag.AtLeast(0))).Times(causal);
        var carryDecay = decay.unsqueeze(1).pow(index.Plus(1));
        return (within, carryDecay);
    }
}
