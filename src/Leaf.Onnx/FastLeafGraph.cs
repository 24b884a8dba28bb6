using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// LEAF's pooled energies by the <see cref="FastLeafPlan"/>: blocks of the padded signal → two-stage DFT (matrix products)
/// → per band class: gather each filter's band → response product and two-stage inverse DFT to the decimated rate
/// (batched GEMMs) → squared modulus → per-channel pooling matrix. The exact model pools zero energies outside the
/// signal, while the blocks also see the filters' tails there; those ≤ (K−1)/2 energies at each end are computed exactly
/// (a short convolution) and their pooled contribution subtracted. The plan's direct filters take a polyphase form of
/// the exact convolution instead.
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
            var (re, im) = GaborKernels.ImpulseResponses(Pick(center, direct), Pick(width, direct), d.WindowLength);
            string energies = PolyphaseEnergies(g, g.Reshape(x, 0, -1), re, im, d.WindowLength, Math.Max(1, d.Stride / 2));
            float[] windows = GaussianLowpassWindow.Windows(Pick(pooling, direct), d.WindowLength);
            parts.Add(FrontendGraphStages.SamePooling(g, energies, windows, direct.Length, d.WindowLength, d.Stride, "direct_pooling_windows"));
        }
        int[] order = [.. banded, .. plan.DirectChannels];
        var inverse = new long[order.Length];
        for (int i = 0; i < order.Length; i++) inverse[order[i]] = i;
        return g.Gather(parts.Count == 1 ? parts[0] : g.Concat(1, [.. parts]), g.AddInt64s(inverse), 1);
    }

    /// <summary>
    /// The exact energies |Σ_k φ_c[k]·x[t + k − (K−1)/2]|² [B, channels, T] of x [B, T] as one convolution over P
    /// polyphase components: output channel (c, p) at position i is sample P·i + p, from J = ⌊(K + P − 2)/P⌋ + 1 taps of
    /// each component — a GEMM reading J·P values per P outputs instead of the K per output of a stride-1 convolution.
    /// </summary>
    private static string PolyphaseEnergies(OnnxGraphBuilder g, string x, float[] re, float[] im, int k, int phases)
    {
        int n = re.Length / k, taps = (k + phases - 2) / phases + 1, half = (k - 1) / 2;
        float[] kernels = FrontendGraphStages.Interleave(re, im, k); // [2n, K]
        var w = new float[2 * n * phases * phases * taps];
        for (int c = 0; c < 2 * n; c++)
            for (int p = 0; p < phases; p++)
                for (int r = 0; r < phases; r++)
                    for (int j = 0; j < taps; j++)
                    {
                        int tap = phases * j + r - p;
                        if (tap >= 0 && tap < k) w[((c * phases + p) * phases + r) * taps + j] = kernels[c * k + tap];
                    }
        string t = g.Shape(x, 1, 2);
        string positions = g.Div(g.Add(t, g.AddInt64s(phases - 1)), g.AddInt64s(phases)); // ⌈T/P⌉
        string tail = g.Sub(g.Mul(g.Add(positions, g.AddInt64s(taps - 1)), g.AddInt64s(phases)), g.Add(t, g.AddInt64s(half)));
        string padded = g.Pad(x, g.Concat(0, g.AddInt64s(0, half, 0), tail));
        string components = g.Transpose(g.Reshape(padded, 0, -1, phases), 0, 2, 1); // [B, P, ⌈T/P⌉ + J − 1]
        string filtered = g.Conv(components, g.AddConstant("polyphase_gabor_kernels", w, 2 * n * phases, phases, taps)); // [B, 2n·P, ⌈T/P⌉]
        string squares = g.Reshape(g.Mul(filtered, filtered), 0, n, 2, phases, -1);
        string energies = g.Reshape(g.Transpose(g.ReduceSum(squares, [2], keepDims: false), 0, 1, 3, 2), 0, n, -1); // [B, n, P·⌈T/P⌉]
        return g.Slice(energies, g.AddInt64s(0), t, g.AddInt64s(2));
    }

    private static float[] Pick(float[] values, int[] channels) => [.. channels.Select(c => values[c])];

    // The banded filters (parameters in class order) of x [B, T] → [B, banded, ⌈T/S⌉].
    private static string BandPooled(OnnxGraphBuilder g, string x, FastLeafPlan plan, float[] center, float[] width, float[] poolingWidth)
    {
        int k = plan.WindowLength, s = plan.Stride, n = center.Length;
        int h = plan.HalfWindow, tb = plan.FramesPerBlock, hop = plan.BlockHop, l = FastLeafPlan.BlockLength;
        // Frame arithmetic (TF SAME, docs/frontends.md "Gaussian pooling"): F = ⌈T/S⌉, total = (F−1)·S + K − T, left = ⌊total/2⌋, right = total − left.
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
        string spectrum = g.Transpose(g.Reshape(ForwardDft(g, samples, rows, columns), -1, 2 * l), 1, 0); // [2L, B·blocks]

        var perClass = plan.Classes.Select(c => ClassPooled(g, spectrum, c, tb, blocks)).ToArray();
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

    // One band class: spectrum [2L, B·blocks] → [B, channels of the class, blocks·Tb] pooled energies. Everything keeps
    // the clips-and-blocks axis last, so that each stage is one batched GEMM with a constant matrix on the left.
    private static string ClassPooled(OnnxGraphBuilder g, string spectrum, FastLeafBandClass c, int framesPerBlock, string blocks)
    {
        int nc = c.Channels.Length, m = c.Bins, rows = c.Rows, columns = c.Columns, q = c.Transform, l = FastLeafPlan.BlockLength;
        int inputRows = m / columns; // R: nonzero m2 of the zero-padded band m = N1·m2 + m1
        // Gather [channel, m1, real|imaginary, m2] from the forward layout (bin f = 64·f1 + f2 at f2·2·(L/64) + f1, + L/64 imaginary).
        int fc = l / 64;
        var index = new long[nc * columns * 2 * inputRows];
        for (int i = 0; i < nc; i++)
            for (int m1 = 0; m1 < columns; m1++)
                for (int part = 0; part < 2; part++)
                    for (int m2 = 0; m2 < inputRows; m2++)
                    {
                        int f = c.SpectrumIndex[i * m + columns * m2 + m1];
                        index[((i * columns + m1) * 2 + part) * inputRows + m2] = (f % 64) * 2 * fc + f / 64 + part * fc;
                    }
        string band = g.Reshape(g.Gather(spectrum, g.AddInt64s(index), 0), nc * columns, 2 * inputRows, -1);
        string a = g.MatMul(g.AddConstant($"fast_stage1_q{q}", FirstStage(c, inputRows, 1.0 / l), nc * columns, 2 * rows, 2 * inputRows), band);
        string regrouped = g.Reshape(g.Transpose(g.Reshape(a, nc, columns, 2, rows, -1), 0, 3, 2, 1, 4), nc, rows, 2 * columns, -1);
        string decimated = g.MatMul(g.AddConstant($"fast_stage2_q{q}", SecondStage(rows, columns), rows, 2 * columns, 2 * columns), regrouped);
        string squares = g.Reshape(g.Mul(decimated, decimated), nc, 2 * q, -1);
        string pooled = g.MatMul(g.AddConstant($"fast_pooling_q{q}", c.Pooling, nc, framesPerBlock, 2 * q), squares); // [nc, Tb, B·blocks]
        string split = g.AddNode("Reshape", [pooled, g.Concat(0, g.AddInt64s(nc, framesPerBlock, -1), blocks)]);
        return g.Reshape(g.Transpose(split, 2, 0, 3, 1), 0, 0, -1);
    }

    /// <summary>
    /// Per (channel, m1): [2N2, 2R] complex weights G(N1·m2 + m1)·scale·e^{2πi·m2·q2/N2} taking [real m2 | imaginary m2]
    /// to [real q2 | imaginary q2] — the response product and the first stage of the inverse DFT in one matrix.
    /// </summary>
    private static float[] FirstStage(FastLeafBandClass c, int inputRows, double scale)
    {
        int nc = c.Channels.Length, m = c.Bins, rows = c.Rows, columns = c.Columns, w = 2 * inputRows;
        var s = new float[nc * columns * 2 * rows * w];
        for (int i = 0; i < nc; i++)
            for (int m1 = 0; m1 < columns; m1++)
                for (int m2 = 0; m2 < inputRows; m2++)
                {
                    int bin = i * m + columns * m2 + m1;
                    var response = new System.Numerics.Complex(c.ResponseReal[bin], c.ResponseImag[bin]) * scale;
                    for (int q2 = 0; q2 < rows; q2++)
                    {
                        var v = response * System.Numerics.Complex.FromPolarCoordinates(1, 2 * Math.PI * m2 * q2 / rows);
                        int block = (i * columns + m1) * 2 * rows;
                        s[(block + q2) * w + m2] = (float)v.Real;
                        s[(block + q2) * w + inputRows + m2] = (float)-v.Imaginary;
                        s[(block + rows + q2) * w + m2] = (float)v.Imaginary;
                        s[(block + rows + q2) * w + inputRows + m2] = (float)v.Real;
                    }
                }
        return s;
    }

    /// <summary>Per q2: [2N1, 2N1] complex weights e^{2πi·m1·q2/Q}·e^{2πi·m1·q1/N1} (twiddle and second stage) taking [real m1 | imaginary m1] to [real q1 | imaginary q1].</summary>
    private static float[] SecondStage(int rows, int columns)
    {
        int q = rows * columns, w = 2 * columns;
        var s = new float[rows * w * w];
        for (int q2 = 0; q2 < rows; q2++)
            for (int q1 = 0; q1 < columns; q1++)
                for (int m1 = 0; m1 < columns; m1++)
                {
                    double angle = 2 * Math.PI * m1 * q2 / q + 2 * Math.PI * m1 * q1 / columns;
                    float cos = (float)Math.Cos(angle), sin = (float)Math.Sin(angle);
                    s[(q2 * w + q1) * w + m1] = cos;
                    s[(q2 * w + q1) * w + columns + m1] = -sin;
                    s[(q2 * w + columns + q1) * w + m1] = sin;
                    s[(q2 * w + columns + q1) * w + columns + m1] = cos;
                }
        return s;
    }

    /// <summary>
    /// X[k] = Σ_n x[n]·e^{−2πink/L}, L = N2·N1, of real [..., N1, N2] holding n = N1·n2 + n1 at row n1, column n2.
    /// Returns [..., N2, 2N1]: X[N2·k1 + k2] at row k2, columns k1 (real) and N1 + k1 (imaginary). Both stages are right
    /// products with constant matrices: stage 1 sums over n2, then a twiddle e^{−2πi·n1·k2/L} and a transpose, stage 2 over n1.
    /// </summary>
    private static string ForwardDft(OnnxGraphBuilder g, string x, int rows, int columns)
    {
        int l = rows * columns;
        var first = new float[rows * 2 * rows];
        for (int n2 = 0; n2 < rows; n2++)
            for (int k2 = 0; k2 < rows; k2++)
            {
                double angle = -2 * Math.PI * n2 * k2 / rows;
                first[n2 * 2 * rows + k2] = (float)Math.Cos(angle);
                first[n2 * 2 * rows + rows + k2] = (float)Math.Sin(angle);
            }
        string a = g.MatMul(x, g.AddConstant("dft_stage1", first, rows, 2 * rows)); // [..., N1, 2N2]
        var twiddleCos = new float[columns * rows];
        var twiddleSin = new float[columns * rows];
        for (int n1 = 0; n1 < columns; n1++)
            for (int k2 = 0; k2 < rows; k2++)
            {
                double angle = -2 * Math.PI * n1 * k2 / l;
                twiddleCos[n1 * rows + k2] = (float)Math.Cos(angle);
                twiddleSin[n1 * rows + k2] = (float)Math.Sin(angle);
            }
        string ar = g.Slice(a, g.AddInt64s(0), g.AddInt64s(rows), g.AddInt64s(-1));
        string ai = g.Slice(a, g.AddInt64s(rows), g.AddInt64s(2 * rows), g.AddInt64s(-1));
        string tc = g.AddConstant("dft_twiddle_cos", twiddleCos, columns, rows), ts = g.AddConstant("dft_twiddle_sin", twiddleSin, columns, rows);
        string stacked = g.Concat(-2, g.Sub(g.Mul(ar, tc), g.Mul(ai, ts)), g.Add(g.Mul(ar, ts), g.Mul(ai, tc))); // [..., 2N1, N2]
        var second = new float[4 * columns * columns];
        for (int n1 = 0; n1 < columns; n1++)
            for (int k1 = 0; k1 < columns; k1++)
            {
                double angle = -2 * Math.PI * n1 * k1 / columns;
                float cos = (float)Math.Cos(angle), sin = (float)Math.Sin(angle);
                int w = 2 * columns;
                second[n1 * w + k1] = cos;                          // real ← real
                second[n1 * w + columns + k1] = sin;                // imaginary ← real
                second[(columns + n1) * w + k1] = -sin;             // real ← imaginary
                second[(columns + n1) * w + columns + k1] = cos;    // imaginary ← imaginary
            }
        return g.MatMul(g.Transpose(stacked, 0, 1, 3, 2), g.AddConstant("dft_stage2", second, 2 * columns, 2 * columns));
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
