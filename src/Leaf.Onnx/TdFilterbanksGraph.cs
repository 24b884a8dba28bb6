using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// TD-filterbanks (docs/frontends.md "Baselines"): free convolution weights [2N, K] (stride 1, TF SAME) → squared modulus → one window shared
/// by all channels (VALID, stride S) → max(·, floor) → log(x + 1e-5). Inputs need at least K samples.
/// </summary>
internal static class TdFilterbanksGraph
{
    public static FrontendGraphResult Build(OnnxGraphBuilder g, string waveform, FrontendDescription d)
    {
        int n = d.FilterCount, k = d.WindowLength;
        string x = FrontendGraphStages.AsSingleChannel(g, waveform);
        string filtered = FrontendGraphStages.SameFilterbank(g, x, d.Values(ParameterNames.ConvWeight), 2 * n, k, "filterbank_weights");
        string energies = FrontendGraphStages.SquaredModulus(g, filtered, n);
        float[] window = d.Values(ParameterNames.PoolingWindow);
        if (window.Length != k) throw new ArgumentException($"the pooling window has {window.Length} taps, expected {k}", nameof(d));
        string pooled = FrontendGraphStages.ValidPooling(g, energies, FrontendGraphStages.Repeat(window, n), n, k, d.Stride, "pooling_window");
        string floored = FrontendGraphStages.Floor(g, pooled, d.EnergyFloor);
        return new(FrontendGraphStages.FramesFirst(g, FrontendGraphStages.LogCompression(g, floored)), null);
    }
}
