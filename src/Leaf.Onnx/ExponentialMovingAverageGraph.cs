namespace Leaf.Onnx;

/// <summary>
/// sPCEN's moving average (docs/frontends.md "sPCEN") as a parallel, exact ONNX subgraph: M[0] = E[0], M[t] = s·E[t] + (1 − s)·M[t−1],
/// s clipped to [0, 1], per channel, over the last axis of [batch, N, F], for any F up to a bound fixed at export.
/// </summary>
/// <remarks>
/// With a = 1 − s, b[0] = E[0] and b[t] = s·E[t] (t ≥ 1), M is the decayed prefix sum M[t] = Σ_{j≤t} a^(t−j)·b[j].
/// Hillis–Steele doubling computes it in ⌈log₂ F_max⌉ steps: x ← b, then for k = 0, 1, …:
/// x[t] ← x[t] + a^(2^k)·x[t − 2^k] (zero before the start). After step k, x[t] sums the lags 0 … 2^(k+1) − 1, so K steps
/// are exact for F ≤ 2^K frames. Each step is a shift (slice + zero pad), a multiply and an add: no Scan or Loop, which
/// ONNX Runtime runs slowly. All terms are non-negative for non-negative energies, so the float32 rounding error stays
/// within a few ulp per step, for any s in [0, 1]: s = 0 (a^(2^k) = 1) and s = 1 (a = 0) included.
/// The coefficients a^(2^k) are computed in double. Once they fall below float32's smallest normal number (1.2e-38) for
/// every channel — after 12 steps at s = 0.04 — the remaining steps are dropped and the graph serves any length: all the
/// lags left out weigh together at most 1.2e-38/s, and before step 20 this only happens for s &gt; 1.7e-4, so less than
/// 1e-34 of the signal is lost.
/// </remarks>
internal static class ExponentialMovingAverageGraph
{
    /// <summary>Smallest normal float32, 2^−126; smaller coefficients are flushed to 0.</summary>
    public const double SmallestNormal = 1.1754943508222875e-38;

    /// <summary>Number of doubling steps that makes the average exact up to <paramref name="maxFrames"/> frames: ⌈log₂ F⌉.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxFrames"/> is below 1.</exception>
    public static int Steps(int maxFrames)
    {
        if (maxFrames < 1) throw new ArgumentOutOfRangeException(nameof(maxFrames), maxFrames, "the frame bound must be at least 1");
        int steps = 0;
        while ((1L << steps) < maxFrames) steps++;
        return steps;
    }

    /// <summary>
    /// The coefficients a_n^(2^k) = (1 − clip(s_n, 0, 1))^(2^k) of each doubling step k &lt; <see cref="Steps"/>, values below
    /// float32's smallest normal number flushed to 0, and the steps from the first all-zero one on dropped.
    /// </summary>
    public static List<float[]> Coefficients(ReadOnlySpan<float> smoothing, int maxFrames)
    {
        var decay = new double[smoothing.Length];
        for (int n = 0; n < decay.Length; n++) decay[n] = 1.0 - Math.Clamp((double)smoothing[n], 0.0, 1.0);
        var steps = new List<float[]>();
        for (int k = 0; k < Steps(maxFrames); k++)
        {
            var c = new float[decay.Length];
            for (int n = 0; n < c.Length; n++)
            {
                double v = Math.Pow(decay[n], Math.Pow(2, k));
                c[n] = v < SmallestNormal ? 0f : (float)v; // no subnormals: they are slow on CPUs and carry nothing here
            }
            if (c.All(v => v == 0f)) break;
            steps.Add(c);
        }
        return steps;
    }

    /// <summary>
    /// Adds the moving average of <paramref name="energies"/> [batch, N, F] with coefficients <paramref name="smoothing"/>
    /// ([N], or [1] shared by all channels). Returns the smoothed value and the longest F for which it is exact, or null
    /// when it is exact for every length (the coefficients vanished before the last step). With <paramref name="warmStart"/>
    /// the state before the first frame is each channel's mean energy (b[0] = s·E[0] + (1 − s)·mean(E)) instead of E[0].
    /// </summary>
    public static (string Smoothed, int? MaxFrames) Add(OnnxGraphBuilder g, string energies, float[] smoothing, int maxFrames, bool warmStart = false)
    {
        var coefficients = Coefficients(smoothing, maxFrames);
        int? bound = coefficients.Count == Steps(maxFrames) ? checked((int)Math.Min(1L << coefficients.Count, int.MaxValue)) : null;
        var clipped = smoothing.Select(s => Math.Clamp(s, 0f, 1f)).ToArray();

        string time = g.AddInt64s(2), zero = g.AddInt64s(0), one = g.AddInt64s(1), end = g.AddInt64s(long.MaxValue);
        // b[0] = E[0] (the state starts at the first frame) or s·E[0] + (1 − s)·mean(E) (warm start), b[t] = s·E[t].
        string first = g.Slice(energies, zero, one, time);
        string later = g.Slice(energies, one, end, time);
        string s = FrontendGraphStages.ChannelColumn(g, "pcen_smoothing", clipped);   // created in this order, so graphs without a warm start stay byte for byte as before
        string rest = g.Mul(later, s);
        if (warmStart)
            first = g.Add(g.Mul(first, s), g.Mul(g.ReduceMean(energies, [2], keepDims: true),
                FrontendGraphStages.ChannelColumn(g, "pcen_warm_start", [.. clipped.Select(c => 1f - c)])));
        string x = g.Concat(2, first, rest);
        if (coefficients.Count == 0) return (x, bound);

        string frames = g.Shape(energies, 2, 3);
        string leadingZeros = g.AddInt64s(0, 0), trailingZeros = g.AddInt64s(0, 0, 0);
        for (int k = 0; k < coefficients.Count; k++)
        {
            // shift(x, d)[t] = x[t − d] (0 for t < d) with d = min(2^k, F): keep the first F − d frames, pad d zeros in front.
            string d = g.Min(frames, g.AddInt64s(1L << k));
            string head = g.Slice(x, zero, g.Sub(frames, d), time);
            string shifted = g.Pad(head, g.Concat(0, leadingZeros, d, trailingZeros));
            x = g.Add(x, g.Mul(shifted, FrontendGraphStages.ChannelColumn(g, $"ema_decay_pow2_{k}", coefficients[k])));
        }
        return (x, bound);
    }
}
