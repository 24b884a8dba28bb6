using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// LEAF's pooled energies by the <see cref="FastLeafPlan"/>: blocks of the padded signal → two-stage DFT (matrix products)
/// → per band class: gather each filter's band × its response → two-stage inverse DFT to the decimated rate → squared
/// modulus → per-channel pooling matrix. The exact model pools zero energies outside the signal, while the blocks also
/// see the filters' tails there; those ≤ (K−1)/2 energies at each end are computed exactly (a short convolution) and
/// their pooled contribution subtracted.
/// </summary>
internal static class FastLeafGraph
{
    /// <summary>The pooled energies [batch, N, ⌈T/S⌉] of <paramref name="x"/> [batch, 1, T] (after any pre-emphasis).</summary>
    public static string PooledEnergies(OnnxGraphBuilder g, string x, FrontendDescription d)
    {
        float[] center = d.Values(ParameterNames.GaborCenter), width = d.Values(ParameterNames.GaborWidth), pooling = d.Values(ParameterNames.PoolingWidth);
        var plan = FastLeafPlan.Create(center, width, pooling, d.WindowLength, d.Stride);
        int[] banded = [.. plan.Classes.SelectMany(c => c.Channels)];
        var parts = new List<string>();
        if (banded.Length > 0)
            parts.Add(BandPooled(g, g.Reshape(x, 0, -1), plan, Pick(center, banded), Pick(width, banded), Pick(pooling, banded)));
        if (plan.DirectChannels.Length > 0)
        {
            int[] direct = plan.DirectChannels;
            parts.Add(LeafGraph.ConvolutionPooled(g, x, Pick(center, direct), Pick(width, direct), Pick(pooling, direct), d.WindowLength, d.Stride));
        }
        int[] order = [.. banded, .. plan.DirectChannels];
        var inverse = new long[order.Length];
        for (int i = 0; i < order.Length; i++) inverse[order[i]] = i;
        return g.Gather(parts.Count == 1 ? parts[0] : g.Concat(1, [.. parts]), g.AddInt64s(inverse), 1);
    }

    private static float[] Pick(float[] values, int[] channels) => [.. channels.Select(c => values[c])];

    // The banded filters (parameters in class order) of x [B, T] → [B, banded, ⌈T/S⌉].
    private static string BandPooled(OnnxGraphBuilder g, string x, FastLeafPlan plan, float[] center, float[] width, float[] poolingWidth)
    {
        int k = plan.WindowLength, s = plan.Stride, n = center.Length;
        int h = plan.HalfWindow, tb = plan.FramesPerBlock, hop = plan.BlockHop, l = FastLeafPlan.BlockLength;
        // Frame arithmetic (TF SAME, spec A.5): F = ⌈T/S⌉, total = (F−1)·S + K − T, left = ⌊total/2⌋, right = total − left.
        string t = g.Shape(x, 1, 2);
        string frames = g.Div(g.Add(t, g.AddInt64s(s - 1)), g.AddInt64s(s));
        string total = g.Sub(g.Add(g.Mul(g.Sub(frames, g.AddInt64s(1)), g.AddInt64s(s)), g.AddInt64s(k)), t);
        string left = g.Div(total, g.AddInt64s(2));
        string right = g.Sub(total, left);
        // Frame index +1 throughout: a leading spare frame keeps every correction's frames inside the array.
        string blocks = g.Div(g.Add(frames, g.AddInt64s(2 + tb - 1)), g.AddInt64s(tb));
        string leadPad = g.Add(left, g.AddInt64s(s + h));
        string tailPad = g.Sub(g.Sub(g.Mul(g.Add(blocks, g.AddInt64s(1)), g.AddInt64s(hop)), leadPad), t);
        string padded = g.Pad(x, g.Concat(0, g.AddInt64s(0), leadPad, g.AddInt64s(0), tailPad)); // [B, (blocks+1)·hop]

        string chunks = g.Reshape(padded, 0, -1, hop);
        string block = g.Concat(2,
            g.Slice(chunks, g.AddInt64s(0), g.AddInt64s(-1), g.AddInt64s(1)),
            g.Slice(chunks, g.AddInt64s(1, 0), g.AddInt64s(long.MaxValue, l - hop), g.AddInt64s(1, 2))); // [B, blocks, L]
        int rows = 64, columns = l / rows;
        string samples = g.Transpose(g.Reshape(block, 0, 0, rows, columns), 0, 1, 3, 2); // sample 64·n2 + n1 at [n1, n2]
        string spectrum = g.Reshape(TwoStageDft(g, samples, rows, columns, realInput: true, rows, -1, 1.0), 0, 0, -1);

        var perClass = plan.Classes.Select(c => ClassPooled(g, spectrum, c, tb)).ToArray();
        string pooled = perClass.Length == 1 ? perClass[0] : g.Concat(1, perClass); // [B, banded, blocks·Tb]

        // Exact energies at the h positions past each end of the signal, masked to those outside it, pooled and subtracted.
        var (re, im) = GaborKernels.ImpulseResponses(center, width, k);
        string kernels = g.AddConstant("fast_edge_gabor_kernels", FrontendGraphStages.Interleave(re, im, k), 2 * n, 1, k);
        float[] windows = GaussianLowpassWindow.Windows(poolingWidth, k);
        string positions = g.AddInt64s([.. Enumerable.Range(0, h).Select(i => (long)i)]);
        string arrayFrames = g.Mul(blocks, g.AddInt64s(tb));

        // Start: positions r = 0…h−1 after frame 1's window start; outside the signal when r < left; frames 1 and 2.
        string startSegment = g.Slice(padded, g.AddInt64s(s), g.AddInt64s(s + h + k - 1), g.AddInt64s(1));
        string startMask = g.CastToFloat(g.Less(positions, left));
        string start = EdgeCorrection(g, startSegment, kernels, startMask, EdgeWeights(windows, n, k, h, 0, s), n);
        pooled = g.Sub(pooled, g.Pad(start, g.Concat(0, g.AddInt64s(0, 0, 1, 0, 0), g.Sub(arrayFrames, g.AddInt64s(3)))));

        // End: positions r = K + S − h + i after frame F−1's (array index) window start; outside when i ≥ h − right.
        string endOffset = g.Add(g.Mul(g.Sub(frames, g.AddInt64s(1)), g.AddInt64s(s)), g.AddInt64s(k + s - h));
        string endSegment = g.Slice(padded, endOffset, g.Add(endOffset, g.AddInt64s(h + k - 1)), g.AddInt64s(1));
        string endMask = g.CastToFloat(g.GreaterOrEqual(positions, g.Sub(g.AddInt64s(h), right)));
        string end = EdgeCorrection(g, endSegment, kernels, endMask, EdgeWeights(windows, n, k, h, k + s - h, s), n);
        string endPads = g.Concat(0, g.AddInt64s(0, 0), g.Sub(frames, g.AddInt64s(1)), g.AddInt64s(0, 0), g.Sub(arrayFrames, g.Add(frames, g.AddInt64s(1))));
        pooled = g.Sub(pooled, g.Pad(end, endPads));

        return g.Slice(pooled, g.AddInt64s(1), g.Add(frames, g.AddInt64s(1)), g.AddInt64s(2));
    }

    // One band class: [B, blocks, 2L] spectrum → [B, channels of the class, blocks·Tb] pooled energies.
    private static string ClassPooled(OnnxGraphBuilder g, string spectrum, FastLeafBandClass c, int framesPerBlock)
    {
        int nc = c.Channels.Length, m = c.Bins, rows = c.Rows, columns = c.Columns, l = FastLeafPlan.BlockLength;
        // The forward transform stores bin f = 64·f1 + f2 at f2·2·(L/64) + f1 (real) and + L/64 (imaginary).
        int fc = l / 64;
        // Band bin m = N1·m2 + m1 of channel i goes to [i, m1, m2], the layout TwoStageDft reads.
        int inputRows = m / columns; // nonzero m2 of the zero-padded band
        var source = new int[nc * m];
        for (int i = 0; i < nc; i++)
            for (int m1 = 0; m1 < columns; m1++)
                for (int m2 = 0; m2 < inputRows; m2++) source[(i * columns + m1) * inputRows + m2] = i * m + columns * m2 + m1;
        long[] reIndex = source.Select(j => (long)((c.SpectrumIndex[j] % 64) * 2 * fc + c.SpectrumIndex[j] / 64)).ToArray();
        string xr = g.Reshape(g.Gather(spectrum, g.AddInt64s(reIndex), 2), 0, 0, nc, columns, inputRows);
        string xi = g.Reshape(g.Gather(spectrum, g.AddInt64s([.. reIndex.Select(i => i + fc)]), 2), 0, 0, nc, columns, inputRows);
        string gr = g.AddConstant($"fast_response_re_q{c.Transform}", [.. source.Select(j => c.ResponseReal[j])], nc, columns, inputRows);
        string gi = g.AddConstant($"fast_response_im_q{c.Transform}", [.. source.Select(j => c.ResponseImag[j])], nc, columns, inputRows);
        string zr = g.Sub(g.Mul(xr, gr), g.Mul(xi, gi));
        string zi = g.Add(g.Mul(xr, gi), g.Mul(xi, gr));
        string band = g.Concat(-1, zr, zi); // [B, blocks, nc, N1, 2R]
        string decimated = TwoStageDft(g, band, rows, columns, realInput: false, inputRows, +1, 1.0 / l); // [B, blocks, nc, N2, 2N1]
        string squares = g.Transpose(g.Reshape(g.Mul(decimated, decimated), 0, 0, nc, 2 * c.Transform), 2, 0, 1, 3); // [nc, B, blocks, 2Q]
        string pooling = g.AddConstant($"fast_pooling_q{c.Transform}", c.Pooling, nc, 1, 2 * c.Transform, framesPerBlock);
        string pooled = g.Reshape(g.MatMul(squares, pooling), 0, 0, -1); // [nc, B, blocks·Tb]
        return g.Transpose(pooled, 1, 0, 2);
    }

    /// <summary>
    /// y[q] = scale·Σ_m x[m]·e^{sign·2πimq/Q}, Q = N2·N1, over [..., N1, R] (real) or [..., N1, 2R] (real | imaginary)
    /// holding m = N1·m2 + m1 at row m1, column m2 (m2 ≥ R are zero). Returns [..., N2, 2N1]: y[N2·q1 + q2] at row q2,
    /// columns q1 (real) and N1 + q1 (imaginary). Both stages are right products with constant matrices (one large GEMM
    /// each): stage 1 sums over m2, then a twiddle e^{sign·2πi·m1·q2/Q} and a transpose, stage 2 sums over m1.
    /// </summary>
    private static string TwoStageDft(OnnxGraphBuilder g, string x, int rows, int columns, bool realInput, int inputRows, int sign, double scale)
    {
        int q = rows * columns, inputs = realInput ? inputRows : 2 * inputRows;
        var first = new float[inputs * 2 * rows];
        for (int m2 = 0; m2 < inputRows; m2++)
            for (int q2 = 0; q2 < rows; q2++)
            {
                double angle = sign * 2 * Math.PI * m2 * q2 / rows, cos = scale * Math.Cos(angle), sin = scale * Math.Sin(angle);
                first[m2 * 2 * rows + q2] = (float)cos;              // real ← real
                first[m2 * 2 * rows + rows + q2] = (float)sin;       // imaginary ← real
                if (realInput) continue;
                first[(inputRows + m2) * 2 * rows + q2] = (float)-sin; // real ← imaginary
                first[(inputRows + m2) * 2 * rows + rows + q2] = (float)cos;
            }
        string a = g.MatMul(x, g.AddConstant($"dft_stage1_{q}_{inputs}", first, inputs, 2 * rows)); // [..., N1, 2N2]
        var twiddleCos = new float[columns * rows];
        var twiddleSin = new float[columns * rows];
        for (int m1 = 0; m1 < columns; m1++)
            for (int q2 = 0; q2 < rows; q2++)
            {
                double angle = sign * 2 * Math.PI * m1 * q2 / q;
                twiddleCos[m1 * rows + q2] = (float)Math.Cos(angle);
                twiddleSin[m1 * rows + q2] = (float)Math.Sin(angle);
            }
        string ar = g.Slice(a, g.AddInt64s(0), g.AddInt64s(rows), g.AddInt64s(-1));
        string ai = g.Slice(a, g.AddInt64s(rows), g.AddInt64s(2 * rows), g.AddInt64s(-1));
        string tc = g.AddConstant($"dft_twiddle_cos_{q}", twiddleCos, columns, rows), ts = g.AddConstant($"dft_twiddle_sin_{q}", twiddleSin, columns, rows);
        string stacked = g.Concat(-2, g.Sub(g.Mul(ar, tc), g.Mul(ai, ts)), g.Add(g.Mul(ar, ts), g.Mul(ai, tc))); // [..., 2N1, N2]
        int rank = realInput ? 4 : 5;
        long[] swapLast = [.. Enumerable.Range(0, rank - 2).Select(i => (long)i), rank - 1, rank - 2];
        var second = new float[4 * columns * columns];
        for (int m1 = 0; m1 < columns; m1++)
            for (int q1 = 0; q1 < columns; q1++)
            {
                double angle = sign * 2 * Math.PI * m1 * q1 / columns;
                float cos = (float)Math.Cos(angle), sin = (float)Math.Sin(angle);
                int w = 2 * columns;
                second[m1 * w + q1] = cos;                          // real ← real
                second[m1 * w + columns + q1] = sin;                // imaginary ← real
                second[(columns + m1) * w + q1] = -sin;             // real ← imaginary
                second[(columns + m1) * w + columns + q1] = cos;    // imaginary ← imaginary
            }
        return g.MatMul(g.Transpose(stacked, swapLast), g.AddConstant($"dft_stage2_{q}", second, 2 * columns, 2 * columns));
    }

    // Exact energies of h positions of a [B, h + K − 1] segment, masked, pooled into two frames: [B, N, 2].
    private static string EdgeCorrection(OnnxGraphBuilder g, string segment, string kernels, string mask, float[] weights, int n)
    {
        string energies = FrontendGraphStages.SquaredModulus(g, g.Conv(g.Unsqueeze(segment, 1), kernels), n); // [B, N, h]
        int h = weights.Length / (2 * n);
        string pooled = g.MatMul(g.Unsqueeze(g.Mul(energies, mask), 2), g.AddConstant("fast_edge_weights", weights, n, h, 2));
        return g.Reshape(pooled, 0, 0, 2);
    }

    // [N, h, 2]: position offset + i in frame a's window (w[offset + i]) and in frame a+1's (w[offset + i − S]).
    private static float[] EdgeWeights(float[] windows, int n, int k, int h, int offset, int s)
    {
        var w = new float[n * h * 2];
        for (int c = 0; c < n; c++)
            for (int i = 0; i < h; i++)
                for (int frame = 0; frame < 2; frame++)
                {
                    int tap = offset + i - frame * s;
                    w[(c * h + i) * 2 + frame] = tap >= 0 && tap < k ? windows[c * k + tap] : 0;
                }
        return w;
    }
}
