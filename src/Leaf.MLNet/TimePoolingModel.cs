using Leaf.Onnx;

namespace Leaf.MLNet;

/// <summary>
/// A small ONNX model that pools frontend features over time: <see cref="InputName"/> [batch, frames, N] →
/// <see cref="OutputName"/> [batch, N] (or [batch, 2N] for mean and standard deviation), or, for variable-length rows,
/// the flat [1, frames·N] → [1, N]. It runs as a second ONNX transform after the frontend, so pooling never leaves ONNX Runtime.
/// </summary>
internal static class TimePoolingModel
{
    public const string InputName = FrontendExporter.OutputName;
    public const string OutputName = "pooled_features";

    /// <summary>Output size for <paramref name="layout"/> with <paramref name="channels"/> channels.</summary>
    public static int OutputSize(FeatureLayout layout, int channels) => layout == FeatureLayout.MeanStd ? 2 * channels : channels;

    /// <summary>Pooling of [batch, <paramref name="frames"/>, <paramref name="channels"/>].</summary>
    public static byte[] Build(FeatureLayout layout, int frames, int channels)
    {
        var g = new OnnxGraphBuilder("leaf_time_pooling", $"{layout} over time of [batch, {frames}, {channels}]");
        var batch = OnnxDim.Named("batch");
        string x = g.AddInput(InputName, batch, OnnxDim.Fixed(frames), OnnxDim.Fixed(channels));
        return Finish(g, layout, x, channels, batch);
    }

    /// <summary>
    /// Pooling of one row of any number of frames, flat [1, frames·<paramref name="channels"/>]: ML.NET's ONNX transform
    /// feeds a variable-length vector column to an input [1, n] with n symbolic, as it does the waveform.
    /// </summary>
    public static byte[] BuildVariable(FeatureLayout layout, int channels)
    {
        var g = new OnnxGraphBuilder("leaf_time_pooling", $"{layout} over time of [1, frames × {channels}]");
        var one = OnnxDim.Fixed(1);
        string x = g.Reshape(g.AddInput(InputName, one, OnnxDim.Named("values")), 1, -1, channels);
        return Finish(g, layout, x, channels, one);
    }

    private static byte[] Finish(OnnxGraphBuilder g, FeatureLayout layout, string x, int channels, OnnxDim batch)
    {
        string pooled = layout switch
        {
            FeatureLayout.Mean => Reduce(g, "ReduceMean", x, keepDims: false),
            FeatureLayout.Max => Reduce(g, "ReduceMax", x, keepDims: false),
            FeatureLayout.MeanStd => g.Concat(1, Reduce(g, "ReduceMean", x, keepDims: false), StandardDeviation(g, x)),
            _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "not a pooled layout"),
        };
        g.AddOutput(g.Identity(pooled, OutputName), batch, OnnxDim.Fixed(OutputSize(layout, channels)));
        return OnnxModelWriter.ToBytes(g);
    }

    // σ = √(mean((x − mean x)²)) over frames (population, as numpy's default).
    private static string StandardDeviation(OnnxGraphBuilder g, string x)
    {
        string centred = g.Sub(x, Reduce(g, "ReduceMean", x, keepDims: true));
        return g.AddNode("Sqrt", [Reduce(g, "ReduceMean", g.Mul(centred, centred), keepDims: false)]);
    }

    // Opset 17: ReduceMean/ReduceMax still take axes as an attribute (an input only from opset 18).
    private static string Reduce(OnnxGraphBuilder g, string op, string x, bool keepDims) =>
        g.AddNode(op, [x], [OnnxAttribute.Ints("axes", 1), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0)]);
}
