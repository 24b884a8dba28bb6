using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// The building blocks shared by the frontend graphs. Values are laid out [batch, channels, time] like ONNX's Conv;
/// kernels are frozen initializers computed by the pure functions of Leaf.Frontends.
/// </summary>
internal static class FrontendGraphStages
{
    /// <summary>ONNX's <c>SAME_UPPER</c>: output ⌈T/S⌉, total padding split evenly with the extra sample at the end — TF's <c>SAME</c>.</summary>
    public const string SameUpper = "SAME_UPPER";

    /// <summary>[batch, T] → [batch, 1, T].</summary>
    public static string AsSingleChannel(OnnxGraphBuilder g, string waveform) => g.Unsqueeze(waveform, 1);

    /// <summary>
    /// Learnable pre-emphasis with TF semantics (docs/frontends.md "Pre-emphasis"): y[n] = w₀·x[n] + w₁·x[n+1], x[T] = 0 — a 2-tap
    /// cross-correlation padded by one zero at the end.
    /// </summary>
    public static string PreEmphasis(OnnxGraphBuilder g, string x, float[] taps)
    {
        if (taps.Length != 2) throw new ArgumentException($"pre-emphasis has 2 taps, got {taps.Length}", nameof(taps));
        return g.Conv(x, g.AddConstant("preemphasis_weight", taps, 1, 1, 2), pads: [0, 1]);
    }

    /// <summary>
    /// A bank of <paramref name="channels"/> real filters [channels, K] (row-major) applied to [batch, 1, T] as a stride-1
    /// cross-correlation with TF <c>SAME</c> padding, which for stride 1 is static: ⌊(K−1)/2⌋ left, the rest right.
    /// </summary>
    public static string SameFilterbank(OnnxGraphBuilder g, string x, float[] weights, int channels, int kernel, string name)
    {
        if (weights.Length != channels * kernel)
            throw new ArgumentException($"{name}: {weights.Length} weights do not form [{channels}, {kernel}]", nameof(weights));
        var (left, right) = FrameMath.SamePadding(1, kernel, 1); // stride 1: total K − 1 whatever T is
        return g.Conv(x, g.AddConstant(name, weights, channels, 1, kernel), pads: [left, right]);
    }

    /// <summary>Interleaves real and imaginary kernels [N, K] into [2N, K]: row 2n = Re φ_n, row 2n+1 = Im φ_n (docs/frontends.md "Gabor filterbank").</summary>
    public static float[] Interleave(float[] real, float[] imag, int kernel)
    {
        int n = real.Length / kernel;
        var w = new float[2 * n * kernel];
        for (int f = 0; f < n; f++)
        {
            Array.Copy(real, f * kernel, w, 2 * f * kernel, kernel);
            Array.Copy(imag, f * kernel, w, (2 * f + 1) * kernel, kernel);
        }
        return w;
    }

    /// <summary>Squared modulus of interleaved channels (docs/frontends.md "Gabor filterbank"): [batch, 2N, T] → [batch, N, T], E_n = Re_n² + Im_n².</summary>
    public static string SquaredModulus(OnnxGraphBuilder g, string x, int filters)
    {
        var pairs = g.Reshape(g.Mul(x, x), 0, filters, 2, -1);
        return g.ReduceSum(pairs, [2], keepDims: false);
    }

    /// <summary>
    /// Depthwise pooling [batch, N, T] → [batch, N, ⌈T/S⌉] with per-channel windows [N, K] and TF <c>SAME</c> padding,
    /// whose split depends on T (docs/frontends.md "Gaussian pooling"): ONNX's <c>SAME_UPPER</c> computes exactly that split at run time.
    /// </summary>
    public static string SamePooling(OnnxGraphBuilder g, string x, float[] windows, int channels, int kernel, int stride, string name)
    {
        RequireWindowCoversStride(kernel, stride);
        return g.Conv(x, g.AddConstant(name, windows, channels, 1, kernel), stride: stride, group: channels, autoPad: SameUpper);
    }

    /// <summary>Depthwise pooling with VALID padding: [batch, N, T ≥ K] → [batch, N, ⌊(T − K)/S⌋ + 1] (TD-filterbanks, docs/frontends.md "Baselines").</summary>
    public static string ValidPooling(OnnxGraphBuilder g, string x, float[] windows, int channels, int kernel, int stride, string name) =>
        g.Conv(x, g.AddConstant(name, windows, channels, 1, kernel), stride: stride, group: channels);

    /// <summary>TF <c>SAME</c> max pooling over time (SincNet, docs/frontends.md "Baselines"); padded positions never win.</summary>
    public static string SameMaxPooling(OnnxGraphBuilder g, string x, int kernel, int stride)
    {
        RequireWindowCoversStride(kernel, stride);
        return g.MaxPool(x, kernel, stride, SameUpper);
    }

    /// <summary>max(x, floor) (docs/frontends.md "Floor").</summary>
    public static string Floor(OnnxGraphBuilder g, string x, double floor) => g.Max(x, g.AddScalar("energy_floor", (float)floor));

    /// <summary>The reference's <c>log_compression</c>: log(x + 1e-5).</summary>
    public static string LogCompression(OnnxGraphBuilder g, string x) => g.Log(g.Add(x, g.AddScalar("log_offset", 1e-5f)));

    /// <summary>Instance normalisation of [batch, N, F] over time per channel, ε = 1e-6, learned gain and bias (docs/frontends.md "After compression").</summary>
    public static string InstanceNorm(OnnxGraphBuilder g, string x, float[] gains, float[] biases) =>
        g.InstanceNormalization(x, g.AddConstant("norm_weight", gains, gains.Length), g.AddConstant("norm_bias", biases, biases.Length), 1e-6f);

    /// <summary>[batch, N, F] → [batch, F, N].</summary>
    public static string FramesFirst(OnnxGraphBuilder g, string x) => g.Transpose(x, 0, 2, 1);

    /// <summary>Per-channel values as an [N, 1] constant that broadcasts over [batch, N, F].</summary>
    public static string ChannelColumn(OnnxGraphBuilder g, string name, float[] values) => g.AddConstant(name, values, values.Length, 1);

    /// <summary>The same window for every channel: [K] → [N, K] (TD-filterbanks' shared pooling window).</summary>
    public static float[] Repeat(float[] window, int channels)
    {
        var w = new float[channels * window.Length];
        for (int c = 0; c < channels; c++) window.CopyTo(w, c * window.Length);
        return w;
    }

    // With K < S the TF padding max((⌈T/S⌉−1)·S + K − T, 0) can clip to 0, which SAME_UPPER does not reproduce.
    private static void RequireWindowCoversStride(int kernel, int stride)
    {
        if (kernel < stride)
            throw new NotSupportedException($"ONNX export needs a pooling window (K = {kernel}) at least as long as the stride (S = {stride}) for TF SAME padding");
    }
}
