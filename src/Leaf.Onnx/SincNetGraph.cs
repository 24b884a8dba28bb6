using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// SincNet (spec B.3): sinc band-pass filters (stride 1, TF SAME) → LeakyReLU(0.2) → max pooling (K, stride S, TF SAME)
/// → max(·, floor) → layer normalisation over the channels (ε = 1e-3). SincNet+ (spec B.4) shares the first two stages,
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
        int n = d.FilterCount, k = d.WindowLength;
        double[] kernels = SincKernels.ImpulseResponses(d.Values(ParameterNames.SincLow), d.Values(ParameterNames.SincBand), k, d.SampleRate);
        string x = FrontendGraphStages.AsSingleChannel(g, waveform);
        string filtered = FrontendGraphStages.SameFilterbank(g, x, Array.ConvertAll(kernels, v => (float)v), n, k, "sinc_kernels");
        string activated = g.LeakyRelu(filtered, LeakySlope);
        if (d.Kind == FrontendKind.SincNet)
        {
            string pooled = FrontendGraphStages.Floor(g, FrontendGraphStages.SameMaxPooling(g, activated, k, d.Stride), d.EnergyFloor);
            string gain = g.AddConstant("layer_norm_weight", d.Values(ParameterNames.LayerNormWeight), n);
            string bias = g.AddConstant("layer_norm_bias", d.Values(ParameterNames.LayerNormBias), n);
            return new(g.LayerNormalization(FrontendGraphStages.FramesFirst(g, pooled), gain, bias, LayerNormEpsilon), null);
        }
        float[] windows = GaussianLowpassWindow.Windows(d.Values(ParameterNames.PoolingWidth), k);
        string smoothed = FrontendGraphStages.Floor(g, FrontendGraphStages.SamePooling(g, activated, windows, n, k, d.Stride, "pooling_windows"), d.EnergyFloor);
        var (compressed, maxFrames) = PcenGraph.Add(g, smoothed, d, options.MaxFrames);
        return new(FrontendGraphStages.FramesFirst(g, compressed), maxFrames);
    }
}
