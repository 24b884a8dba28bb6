using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// LEAF (docs/frontends.md "Defaults and frame arithmetic"): [pre-emphasis] → Gabor filterbank (2N channels, K taps, stride 1, TF SAME) → squared modulus →
/// Gaussian depthwise pooling (stride S, TF SAME) → max(·, floor) → sPCEN or log → [instance norm], with the Gabor and
/// pooling kernels frozen after their forward-pass clips.
/// </summary>
internal static class LeafGraph
{
    public static FrontendGraphResult Build(OnnxGraphBuilder g, string waveform, FrontendDescription d, FrontendExportOptions options)
    {
        if (d.Compression is not (CompressionKind.Pcen or CompressionKind.Log))
            throw new ArgumentException($"LEAF compresses with Pcen or Log, not {d.Compression}", nameof(d));
        string floored = Floored(g, waveform, d, options.LeafAlgorithm);
        var (compressed, maxFrames) = d.Compression == CompressionKind.Pcen
            ? PcenGraph.Add(g, floored, d, options.MaxFrames)
            : (FrontendGraphStages.LogCompression(g, floored), null);
        if (d.InstanceNorm)
            compressed = FrontendGraphStages.InstanceNorm(g, compressed, d.Values(ParameterNames.InstanceNormWeight), d.Values(ParameterNames.InstanceNormBias));
        return new(FrontendGraphStages.FramesFirst(g, compressed), maxFrames);
    }

    /// <summary>max(pooled energies, floor) [batch, N, ⌈T/S⌉]: what sPCEN or the log compresses.</summary>
    public static string Floored(OnnxGraphBuilder g, string waveform, FrontendDescription d, LeafAlgorithm algorithm) =>
        FrontendGraphStages.Floor(g, PooledEnergies(g, waveform, d, algorithm), d.EnergyFloor);

    /// <summary>The pooled energies [batch, N, ⌈T/S⌉] before the floor (the golden vectors' <c>pooled</c> arrays).</summary>
    public static string PooledEnergies(OnnxGraphBuilder g, string waveform, FrontendDescription d, LeafAlgorithm algorithm = LeafAlgorithm.Exact)
    {
        string x = FrontendGraphStages.AsSingleChannel(g, waveform);
        if (d.PreEmphasis) x = FrontendGraphStages.PreEmphasis(g, x, d.Values(ParameterNames.PreemphasisWeight));
        return algorithm == LeafAlgorithm.Fast
            ? FastLeafGraph.PooledEnergies(g, x, d)
            : ConvolutionPooled(g, x, d.Values(ParameterNames.GaborCenter), d.Values(ParameterNames.GaborWidth), d.Values(ParameterNames.PoolingWidth), d.WindowLength, d.Stride);
    }

    /// <summary>The exact stages on [batch, 1, T]: Gabor filterbank (stride 1, TF SAME) → squared modulus → Gaussian pooling → [batch, N, ⌈T/S⌉].</summary>
    public static string ConvolutionPooled(OnnxGraphBuilder g, string x, float[] center, float[] width, float[] poolingWidth, int k, int stride)
    {
        int n = center.Length;
        var (re, im) = GaborKernels.ImpulseResponses(center, width, k);
        string filtered = FrontendGraphStages.SameFilterbank(g, x, FrontendGraphStages.Interleave(re, im, k), 2 * n, k, "gabor_kernels");
        string energies = FrontendGraphStages.SquaredModulus(g, filtered, n);
        float[] windows = GaussianLowpassWindow.Windows(poolingWidth, k);
        return FrontendGraphStages.SamePooling(g, energies, windows, n, k, stride, "pooling_windows");
    }
}
