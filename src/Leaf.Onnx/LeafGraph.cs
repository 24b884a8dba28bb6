using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// LEAF (spec A.9): [pre-emphasis] → Gabor filterbank (2N channels, K taps, stride 1, TF SAME) → squared modulus →
/// Gaussian depthwise pooling (stride S, TF SAME) → max(·, floor) → sPCEN or log → [instance norm], with the Gabor and
/// pooling kernels frozen after their forward-pass clips.
/// </summary>
internal static class LeafGraph
{
    public static FrontendGraphResult Build(OnnxGraphBuilder g, string waveform, FrontendDescription d, FrontendExportOptions options)
    {
        if (d.Compression is not (CompressionKind.Pcen or CompressionKind.Log))
            throw new ArgumentException($"LEAF compresses with Pcen or Log, not {d.Compression}", nameof(d));
        string floored = FrontendGraphStages.Floor(g, PooledEnergies(g, waveform, d, options.LeafAlgorithm), d.EnergyFloor);
        var (compressed, maxFrames) = d.Compression == CompressionKind.Pcen
            ? PcenGraph.Add(g, floored, d, options.MaxFrames)
            : (FrontendGraphStages.LogCompression(g, floored), null);
        if (d.InstanceNorm)
            compressed = FrontendGraphStages.InstanceNorm(g, compressed, d.Values(ParameterNames.InstanceNormWeight), d.Values(ParameterNames.InstanceNormBias));
        return new(FrontendGraphStages.FramesFirst(g, compressed), maxFrames);
    }

    /// <summary>The pooled energies [batch, N, ⌈T/S⌉] before the floor (the golden vectors' <c>pooled</c> arrays).</summary>
    public static string PooledEnergies(OnnxGraphBuilder g, string waveform, FrontendDescription d, LeafAlgorithm algorithm = LeafAlgorithm.Exact)
    {
        int n = d.FilterCount, k = d.WindowLength;
        string x = FrontendGraphStages.AsSingleChannel(g, waveform);
        if (d.PreEmphasis) x = FrontendGraphStages.PreEmphasis(g, x, d.Values(ParameterNames.PreemphasisWeight));
        if (algorithm == LeafAlgorithm.Fast) return FastLeafGraph.PooledEnergies(g, g.Reshape(x, 0, -1), d);
        var (re, im) = GaborKernels.ImpulseResponses(d.Values(ParameterNames.GaborCenter), d.Values(ParameterNames.GaborWidth), k);
        string filtered = FrontendGraphStages.SameFilterbank(g, x, FrontendGraphStages.Interleave(re, im, k), 2 * n, k, "gabor_kernels");
        string energies = FrontendGraphStages.SquaredModulus(g, filtered, n);
        float[] windows = GaussianLowpassWindow.Windows(d.Values(ParameterNames.PoolingWidth), k);
        return FrontendGraphStages.SamePooling(g, energies, windows, n, k, d.Stride, "pooling_windows");
    }
}
