using Leaf.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>
/// LEAF's pooled energies by the fast algorithm of <see cref="FastLeafPlan"/>, differentiable in the waveform and in every
/// Gabor and pooling parameter: blocks of <see cref="FastLeafPlan.BlockLength"/> samples → one DFT each → per filter, the
/// bins of its band times its response → an inverse DFT at a decimated rate Q → squared modulus → a pooling matrix that
/// combines band-limited interpolation with the Gaussian window. Q is the smallest FFT-friendly size holding the band and
/// the harmonics of |y|² that matter (those whose bound sums past 1e-6 of the mean may alias); filters whose 401-tap
/// truncation leaves no band stay at the full rate, as two real inverse DFTs. The energies the blocks see past the
/// signal's ends, which the exact model pools as zeros, are computed exactly and subtracted. Bands are re-chosen from the
/// current parameters on every call (no gradient flows through that choice).
/// </summary>
internal sealed class FastLeafEnergies : IDisposable
{
    private const int L = FastLeafPlan.BlockLength;
    private readonly int k, s, h, framesPerBlock, hop;
    private readonly Dictionary<int, Tensor> poolingBases = [];

    private readonly int[] transforms; // FastLeafPlan.Transforms(S)

    // Host buffers of the band search, kept between calls: allocating megabytes per step made the garbage collector run
    // often enough to hit TorchSharp's early-finalized Scalars (see ScalarArguments) elsewhere in a training step.
    private double[] magnitudes = [], autocorrelations = [];


    /// <summary>The fast energies of K-tap filters and windows at stride S.</summary>
    /// <exception cref="NotSupportedException">The geometry does not fit a block (see <see cref="FastLeafPlan.BlockFrames"/>).</exception>
    public FastLeafEnergies(int windowLength, int stride)
    {
        framesPerBlock = FastLeafPlan.BlockFrames(windowLength, stride);
        (k, s, h, hop) = (windowLength, stride, (windowLength - 1) / 2, stride * framesPerBlock);
        transforms = FastLeafPlan.Transforms(stride);
    }

    /// <summary>
    /// Pooled energies [B, N, ⌈T/S⌉] of waveforms <paramref name="x"/> [B, T] for Gabor impulse responses
    /// <paramref name="real"/>, <paramref name="imag"/> [N, K] and pooling windows <paramref name="windows"/> [N, K]:
    /// the same values as TF-SAME stride-1 filtering, squared modulus and TF-SAME strided pooling.
    /// </summary>
    public Tensor PooledEnergies(Tensor x, Tensor real, Tensor imag, Tensor windows)
    {
        using var scope = NewDisposeScope();
        long batch = x.shape[0], t = x.shape[1], n = real.shape[0];
        long frames = (t + s - 1) / s, left = ((frames - 1) * s + k - t) / 2; // TF SAME (docs/frontends.md "Gaussian pooling")
        long blocks = (frames + framesPerBlock - 1) / framesPerBlock, length = (blocks - 1) * hop + L;
        // Block b starts at signal position b·hop − left − h: its energy at position P (block coordinates) is the filter
        // output at signal position P + b·hop − left, and frame j of the block pools block positions S·j … S·j + K − 1.
        var padded = nn.functional.pad(x, [left + h, Math.Max(0, length - left - h - t)]).narrow(1, 0, length);
        var spectrum = fft.fft_(padded.unfold(1, L, hop).reshape(-1, L)); // [B·blocks, L]
        // G(f) = Σ_k conj(φ[k])·e^{2πifk/L}, so that y = IDFT(X·G) correlates; in float64, where a filter's far bins are
        // small but still count against a loud out-of-band input.
        var response = (fft.ifft(complex(real.to(ScalarType.Float64), imag.to(ScalarType.Float64).neg()), L, 1).Times(L)).to(spectrum.dtype);
        var bands = Bands(response);
        var banded = bands.Where(b => b.Transform < L).ToArray();
        // Every band's bins in one gather from the spectrum extended by its first bins (so a band may wrap past L): its
        // gradient is one scatter, then each class takes its columns by split, whose gradient is one concatenation.
        var kept = banded.Length == 0 ? [] : BandBins(spectrum, banded).split([.. banded.Select(b => (long)b.Channels.Length * b.Bins)], 1);
        var parts = new List<Tensor>();
        var order = new List<long>();
        for (int i = 0, next = 0; i < bands.Length; i++)
        {
            var band = bands[i];
            var pooledClass = band.Transform == L
                ? FullRatePooled(spectrum, real, imag, windows, band.Channels)
                : BandPooled(kept[next++], response, windows, band);
            parts.Add(pooledClass.view(-1, batch, blocks, framesPerBlock));
            order.AddRange(band.Channels);
        }
        var inverse = new long[n];
        for (int i = 0; i < order.Count; i++) inverse[order[i]] = i;
        var pooled = cat(parts, 0).index_select(0, tensor(inverse, device: x.device)) // [N, B, blocks, Tb]
            .transpose(0, 1).reshape(batch, n, blocks * framesPerBlock).narrow(2, 0, frames);
        pooled = SubtractOutside(pooled, x, real, imag, windows, left);
        return pooled.MoveToOuterDisposeScope();
    }

    // Channels grouped by decimated transform size Q, with the start of each one's `bins` kept bins; Q = L is the full rate.
    // As FastLeafPlan chooses them (Run, FirstAliasedHarmonic, Transform), with the band's autocorrelation by FFT.
    private Band[] Bands(Tensor response)
    {
        using var scope = NewDisposeScope();
        int n = (int)response.shape[0];
        var magnitude = response.detach().abs().to(ScalarType.Float64).cpu();
        var m = Buffer(ref magnitudes, n * L);
        magnitude.data<double>().CopyTo(m, 0, 0);
        var runs = new (int Start, int Width)[n];
        for (int c = 0; c < n; c++) runs[c] = FastLeafPlan.Run(m.AsSpan(c * L, L));
        // a(d) = Σ_f |G(f)|·|G(f + d)| over the band, by a DFT zero-padded past twice the widest band that could fit a Q;
        // the bands are gathered on the torch side (column L: zero), so that no large host array is made per call.
        int widest = runs.Select(r => r.Width).Where(w => transforms.Length > 0 && w <= transforms[^1]).DefaultIfEmpty(1).Max(), size = 2;
        while (size < 2 * widest) size *= 2;
        var starts = tensor(runs.Select(r => (long)r.Start).ToArray()).unsqueeze(1);
        var widths = tensor(runs.Select(r => (long)r.Width).ToArray()).unsqueeze(1);
        var offsets = ScalarArguments.Range(0, size, magnitude.device).unsqueeze(0);
        var columns = starts.Plus(offsets).Modulo(L).where(offsets.lt(widths), tensor(new long[] { L })); // [n, size]
        var kept = cat([magnitude, zeros(n, 1, ScalarType.Float64)], 1).gather(1, columns);
        var a = Buffer(ref autocorrelations, n * size);
        fft.irfft(fft.rfft(kept).abs().Squared(), size).data<double>().CopyTo(a, 0, 0);
        var bands = new (int Start, int Width, int Transform)[n];
        for (int c = 0; c < n; c++)
        {
            var (start, width) = runs[c];
            int harmonics = width <= widest ? FastLeafPlan.FirstAliasedHarmonic(a.AsSpan(c * size, width)) : width;
            bands[c] = (start, width, FastLeafPlan.Transform(width, harmonics, transforms, L));
        }
        return Enumerable.Range(0, n).GroupBy(c => bands[c].Transform).OrderBy(g => g.Key).Select(g =>
        {
            int bins = g.Key == L ? L : g.Max(c => bands[c].Width);
            return new Band(g.Key, bins, [.. g.Select(c => (long)c)], [.. g.Select(c => (long)((bands[c].Start - (bins - bands[c].Width) / 2 + L) % L))]);
        }).ToArray();
    }

    // Filters without a band: spectrum [B·blocks, L] → pooled energies [channels, B·blocks, Tb]. The real and imaginary
    // parts of y are real correlations, so each is an inverse real DFT of half the spectrum times that kernel's response.
    private Tensor FullRatePooled(Tensor spectrum, Tensor real, Tensor imag, Tensor windows, long[] channels)
    {
        int nc = channels.Length, half = L / 2 + 1;
        var index = tensor(channels, device: spectrum.device);
        // A(f) = Σ_k a[k]·e^{2πifk/L} for a = Re φ, Im φ: y_a = IDFT(X·A) = Σ_k a[k]·x[· + k].
        var kernels = cat([real.index_select(0, index), imag.index_select(0, index)], 0).to(ScalarType.Float64);
        var gain = fft.ifft(kernels, L, 1).Times(L).narrow(1, 0, half).to(spectrum.dtype); // [2nc, L/2 + 1]: real rows, then imaginary
        var pooling = PoolingMatrices(windows.index_select(0, index), L); // [nc, L, Tb]
        var pooled = new List<Tensor>();
        // A few blocks at a time, so that the full-rate intermediates stay in cache; split, not narrow: its gradient is one
        // concatenation, where each narrow's would be a zero-filled copy of the whole.
        foreach (var part in spectrum.narrow(1, 0, half).split(Math.Max(1, (1 << 20) / (8L * nc * L))))
        {
            var squares = fft.irfft(part.unsqueeze(1).Times(gain), L, -1).Squared(); // [rows, 2nc, L]
            var energies = squares.narrow(1, 0, nc).Plus(squares.narrow(1, nc, nc));
            pooled.Add(energies.transpose(0, 1).bmm(pooling)); // [nc, rows, Tb]
        }
        return cat(pooled, 1);
    }

    // [B·blocks, Σ channels·bins]: the kept bins of every band, class by class, channel by channel.
    private static Tensor BandBins(Tensor spectrum, Band[] bands)
    {
        int widest = bands.Max(b => b.Bins);
        var device = spectrum.device;
        var columns = cat([.. bands.Select(b => tensor(b.Starts, device: device).unsqueeze(1).Plus(ScalarArguments.Range(0, b.Bins, device)).view(-1))], 0);
        var extended = cat([spectrum, spectrum.narrow(1, 0, widest)], 1);
        return extended.gather(1, columns.unsqueeze(0).expand(spectrum.shape[0], -1));
    }

    // The buffer, reallocated only when the length changes.
    private static double[] Buffer(ref double[] buffer, int length)
    {
        if (buffer.Length != length) buffer = new double[length];
        return buffer;
    }

    // Filters with a band: their kept bins [B·blocks, channels·bins] → pooled energies [channels, B·blocks, Tb].
    private Tensor BandPooled(Tensor kept, Tensor response, Tensor windows, Band band)
    {
        int nc = band.Channels.Length, q = band.Transform, bins = band.Bins;
        var device = kept.device;
        var index = tensor(band.Channels, device: device);
        var columns = tensor(band.Starts, device: device).unsqueeze(1).Plus(ScalarArguments.Range(0, bins, device)).Modulo(L); // [nc, bins]
        var gain = response.index_select(0, index).gather(1, columns);
        var pooling = PoolingMatrices(windows.index_select(0, index), q); // [nc, Q, Tb]
        // The band demodulated to bin 0 and zero-padded to Q: (L/Q)·y at block positions q·L/Q up to a unit phase (and to
        // the aliasing of |y|²'s negligible harmonics).
        var decimated = fft.ifft(kept.view(-1, nc, bins).Times(gain), q, -1); // [B·blocks, nc, Q]
        var energies = decimated.real.Squared().Plus(decimated.imag.Squared());
        return energies.transpose(0, 1).bmm(pooling); // [nc, B·blocks, Tb]
    }

    /// <summary>
    /// [nc, Q, Tb]: the weight of decimated sample q in frame j, P[q, j] = (Q/L)²·Σ_v w[v]·D(S·j + v − q·L/Q) with D the
    /// band-limited interpolation kernel of <see cref="FastLeafPlan.Dirichlet"/>. As a sum over the harmonics |k| &lt; Q/2,
    /// P[q, j] = (Q/L)²/Q·Σ_k W(k)·e^{−2πik·(q − j·d)/Q} with W(k) = Σ_v w[v]·e^{2πikv/L} and d = S·Q/L, an integer for
    /// every Q of <see cref="transforms"/>: frame j's column is frame 0's, one size-Q DFT, shifted by j·d. At the full rate
    /// (Q = L) there is nothing to interpolate: frame 0's column is the window itself.
    /// </summary>
    private Tensor PoolingMatrices(Tensor windows, int q)
    {
        long nc = windows.shape[0];
        Tensor first; // [nc, Q]: frame 0's weights
        if (q == L) first = nn.functional.pad(windows, [0, L - k]);
        else
        {
            var w = fft.ifft(windows.to(ScalarType.Float64), L, 1).Times(L); // W(k) at k = 0 … L − 1
            // Harmonics 0 … Q/2 − 1, then none at Q/2, then −Q/2 + 1 … −1, in size-Q DFT order.
            var harmonics = cat([w.narrow(1, 0, q / 2), zeros(nc, 1, w.dtype, w.device), w.narrow(1, L - q / 2 + 1, q / 2 - 1)], 1);
            first = fft.fft_(harmonics).real.Times(Math.Pow((double)q / L, 2) / q).to(windows.dtype);
        }
        return first.gather(1, PoolingIndex(q, windows.device).expand(nc, -1)).view(nc, q, framesPerBlock);
    }

    // Per Q, cached: [1, Q·Tb], the index (q − j·S·Q/L) mod Q of sample q, frame j in frame 0's column.
    private Tensor PoolingIndex(int q, Device device)
    {
        if (poolingBases.TryGetValue(q, out var cached) && cached.device_type == device.type && cached.device_index == device.index) return cached;
        cached?.Dispose();
        long shift = (long)s * q / L;
        var index = new long[q * framesPerBlock];
        for (int i = 0; i < q; i++)
            for (int j = 0; j < framesPerBlock; j++) index[i * framesPerBlock + j] = ((i - j * shift) % q + q) % q;
        var basis = tensor(index, device: device).unsqueeze(0);
        basis.DetachFromDisposeScope();
        poolingBases[q] = basis;
        return basis;
    }

    // The blocks saw the filters' energies at the h positions past each end of the signal; the exact model pools zeros there.
    private Tensor SubtractOutside(Tensor pooled, Tensor x, Tensor real, Tensor imag, Tensor windows, long left)
    {
        long t = x.shape[1], frames = pooled.shape[2];
        var kernels = stack([real, imag], 1).reshape(-1, 1, k); // [2N, 1, K], real and imaginary rows interleaved
        var padded = nn.functional.pad(x, [2 * h, 2 * h]).unsqueeze(1); // signal position p at index p + 2h
        foreach (long first in new[] { -h, t })
        {
            // Frames whose window [S·f − left, S·f − left + K) reaches the h positions from `first`.
            long from = first < 0 ? 0 : Math.Max(0, (t + left - k + 1 + s - 1) / s), to = first < 0 ? Math.Min(frames, (left + s - 1) / s) : frames;
            if (to <= from) continue;
            var filtered = nn.functional.conv1d(padded.narrow(2, first + h, 3L * h), kernels); // [B, 2N, h]: positions first … first + h − 1
            var energies = filtered.Squared().view(x.shape[0], -1, 2, h).sum(2); // [B, N, h]
            var tap = new long[(to - from) * h];
            var inside = new float[tap.Length];
            for (long f = from; f < to; f++)
                for (long i = 0; i < h; i++)
                {
                    long v = first + i - s * f + left, at = (f - from) * h + i;
                    (tap[at], inside[at]) = v >= 0 && v < k ? (v, 1f) : (0, 0f);
                }
            var weights = windows.index_select(1, tensor(tap, device: x.device)).view(-1, to - from, h).Times(tensor(inside, device: x.device).view(to - from, h));
            var outside = energies.unsqueeze(2).matmul(weights.transpose(1, 2)).squeeze(2); // [B, N, frames from … to − 1]
            pooled = pooled.SubtractAt(2, ScalarArguments.Range(from, to, x.device), outside);
        }
        return pooled;
    }

    // Filters sharing a decimated transform size Q (L: the full rate), each keeping `Bins` bins from its start.
    private sealed record Band(int Transform, int Bins, long[] Channels, long[] Starts);

    /// <summary>Frees the cached pooling bases.</summary>
    public void Dispose()
    {
        foreach (var basis in poolingBases.Values) basis.Dispose();
        poolingBases.Clear();
    }
}
