using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// SincNet (docs/frontends.md "Baselines"): sinc band-pass filters (stride 1, TF SAME) → LeakyReLU(0.2) → max pooling (K, stride S, TF SAME)
/// → max(·, floor) → layer normalisation over the channels (ε = 1e-3). SincNet+ (docs/frontends.md "Baselines") shares the first two stages,
/// then Gaussian pooling → max(·, floor) → PCEN.
/// </summary>
internal static class SincNetGraph
{
    /// <summary>Keras <c>LeakyReLU(alpha=0.2)</c>.</summary>
    public const float LeakySlope = 0.2f;

    /// <summary>Keras <c>LayerNormalization</c>'s default epsilon.</summary>
    public const float LayerNormEpsilon = 1e-3f;

    public static FrontendGraphResult Build(OnnxGraphBuilder g, string waveform, FrontendDescription d, FrontendExportOptions options)
    {
        if (d.Kind == FrontendKind.SincNet) return new(SincNetFeatures(g, waveform, d), null);
        var (compressed, maxFrames) = PcenGraph.Add(g, SincNetPlusFloored(g, waveform, d), d, options.MaxFrames);
        return new(FrontendGraphStages.FramesFirst(g, compressed), maxFrames);
    }

    /// <summary>SincNet's features [batch, F, N]: every stage, the layer norm acting on each frame alone.</summary>
    public static string SincNetFeatures(OnnxGraphBuilder g, string waveform, FrontendDescription d)
    {
        int n = d.FilterCount;
        string pooled = FrontendGraphStages.Floor(g, FrontendGraphStages.SameMaxPooling(g, Activated(g, waveform, d), d.WindowLength, d.Stride), d.EnergyFloor);
        string gain = g.AddConstant("layer_norm_weight", d.Values(ParameterNames.LayerNormWeight), n);
        string bias = g.AddConstant("layer_norm_bias", d.Values(ParameterNames.LayerNormBias), n);
        return g.LayerNormalization(FrontendGraphStages.FramesFirst(g, pooled), gain, bias, LayerNormEpsilon);
    }

    /// <summary>SincNet+'s floored Gaussian-pooled activations [batch, N, F]: what its PCEN compresses.</summary>
    public static string SincNetPlusFloored(OnnxGraphBuilder g, string waveform, FrontendDescription d)
    {
        float[] windows = GaussianLowpassWindow.Windows(d.Values(ParameterNames.PoolingWidth), d.WindowLength);
        string pooled = FrontendGraphStages.SamePooling(g, Activated(g, waveform, d), windows, d.FilterCount, d.WindowLength, d.Stride, "pooling_windows");
        return FrontendGraphStages.Floor(g, pooled, d.EnergyFloor);
    }

    // Sinc band-pass filters (stride 1, TF SAME) → LeakyReLU: [batch, N, T].
    private static string Activated(OnnxGraphBuilder g, string waveform, FrontendDescription d)
    {
        int n = d.FilterCount, k = d.WindowLength;
        double[] kernels = SincKernels.ImpulseResponses(d.Values(ParameterNames.SincLow), d.Values(ParameterNames.SincBand), k, d.SampleRate);
        string x = FrontendGraphStages.AsSingleChannel(g, waveform);
        string filtered = FrontendGraphStages.SameFilterbank(g, x, Array.ConvertAll(kernels, v => (float)v), n, k, "sinc_kernels");
        return g.LeakyRelu(filtered, LeakySlope);
    }
}
