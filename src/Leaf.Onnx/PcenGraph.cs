using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// sPCEN (paper "Compression and normalization"; docs/frontends.md "sPCEN") on energies [batch, N, F]: Y = (E/(ε + M)^α' + δ)^(1/r') − δ^(1/r'), with M the
/// <see cref="ExponentialMovingAverageGraph"/> of E, α' = min(α, 1), r' = max(root, 1) and ε the PCEN floor.
/// </summary>
internal static class PcenGraph
{
    /// <summary>Adds sPCEN with the <c>compression.*</c> values of <paramref name="d"/>; returns the output and the EMA's frame bound.</summary>
    public static (string Output, int? MaxFrames) Add(OnnxGraphBuilder g, string energies, FrontendDescription d, int maxFrames)
    {
        var (smoothed, bound) = ExponentialMovingAverageGraph.Add(g, energies, Smoothing(d), maxFrames, d.Pcen.WarmStart);
        return (Compress(g, energies, smoothed, d), bound);
    }

    /// <summary>The smoothing coefficients ([N] or [1]) of <paramref name="d"/>, after checking the sizes of all sPCEN values.</summary>
    /// <exception cref="ArgumentException">A value has the wrong size.</exception>
    public static float[] Smoothing(FrontendDescription d)
    {
        float[] alpha = d.Values(ParameterNames.PcenAlpha), delta = d.Values(ParameterNames.PcenDelta), root = d.Values(ParameterNames.PcenRoot);
        float[] smoothing = d.Values(ParameterNames.PcenSmoothing);
        int n = d.FilterCount;
        if (alpha.Length != n || delta.Length != n || root.Length != n || (smoothing.Length != n && smoothing.Length != 1))
            throw new ArgumentException($"sPCEN needs {n} alpha, delta and root values and {n} or 1 smoothing values", nameof(d));
        return smoothing;
    }

    /// <summary>The sPCEN formula on energies E and their moving average M, both [batch, N, F].</summary>
    public static string Compress(OnnxGraphBuilder g, string energies, string smoothed, FrontendDescription d)
    {
        float[] alpha = d.Values(ParameterNames.PcenAlpha), delta = d.Values(ParameterNames.PcenDelta), root = d.Values(ParameterNames.PcenRoot);
        // One float32 exponent e = 1/r' serves both powers, so that Y = 0 exactly when E/(ε + M)^α' = 0.
        float[] exponent = root.Select(r => (float)(1.0 / Math.Max(r, 1f))).ToArray();
        float[] deltaPower = delta.Select((v, i) => (float)Math.Pow(v, exponent[i])).ToArray();
        float[] clippedAlpha = alpha.Select(a => Math.Min(a, 1f)).ToArray();

        string denominator = g.Pow(g.Add(smoothed, g.AddScalar("pcen_floor", (float)d.Pcen.Floor)), FrontendGraphStages.ChannelColumn(g, "pcen_alpha", clippedAlpha));
        string normalised = g.Add(g.Div(energies, denominator), FrontendGraphStages.ChannelColumn(g, "pcen_delta", delta));
        string compressed = g.Pow(normalised, FrontendGraphStages.ChannelColumn(g, "pcen_exponent", exponent));
        return g.Sub(compressed, FrontendGraphStages.ChannelColumn(g, "pcen_delta_power", deltaPower));
    }
}
