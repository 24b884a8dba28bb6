using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// A frontend's frame-local stages as one graph: everything up to, not including, the stages that look across frames
/// (sPCEN's moving average, instance normalisation). Each output frame depends only on a bounded run of samples
/// (<see cref="FrameSupport"/>), so segments of a long or live signal can go through it one at a time.
/// </summary>
internal static class FramesGraph
{
    /// <summary>
    /// The frame-local output [batch, F, N] of <paramref name="waveform"/> [batch, T]: the floored pooled energies of
    /// LEAF with sPCEN and of SincNet+, LEAF's log features with the log compression (before any instance norm), and
    /// the final features of mel, TD-filterbanks and SincNet (their compression acts on each frame alone).
    /// </summary>
    public static string Build(OnnxGraphBuilder g, string waveform, FrontendDescription d, LeafAlgorithm algorithm) => d.Kind switch
    {
        FrontendKind.Leaf => FrontendGraphStages.FramesFirst(g, d.Compression == CompressionKind.Log
            ? FrontendGraphStages.LogCompression(g, LeafGraph.Floored(g, waveform, d, algorithm))
            : LeafGraph.Floored(g, waveform, d, algorithm)),
        FrontendKind.Mel => MelGraph.Build(g, waveform, d).Features,
        FrontendKind.TdFilterbanks => TdFilterbanksGraph.Build(g, waveform, d).Features,
        FrontendKind.SincNet => SincNetGraph.SincNetFeatures(g, waveform, d),
        FrontendKind.SincNetPlus => FrontendGraphStages.FramesFirst(g, SincNetGraph.SincNetPlusFloored(g, waveform, d)),
        _ => throw new NotSupportedException($"no ONNX export for frontend kind '{d.Kind.ToName()}'"),
    };

    /// <summary>Whether <paramref name="d"/>'s features need sPCEN after the frame-local stages.</summary>
    public static bool NeedsPcen(FrontendDescription d) => d.Compression == CompressionKind.Pcen;

    /// <summary>Whether <paramref name="d"/>'s features are normalised over the whole clip at the end (LEAF's instance norm).</summary>
    public static bool NeedsInstanceNorm(FrontendDescription d) => d.Kind == FrontendKind.Leaf && d.InstanceNorm;
}
