using Leaf.Frontends;
using Leaf.Frontends.Classifiers;

namespace Leaf.Onnx.Classifiers;

/// <summary>Appends the layers of a classifier description to a graph, one ONNX sub-graph per <see cref="EncoderLayer"/>.</summary>
internal static class EncoderGraph
{
    /// <summary>Applies <paramref name="layers"/> in order to feature maps <paramref name="x"/> [B, C, H, W]; <paramref name="path"/> prefixes initializer names.</summary>
    public static string Add(OnnxGraphBuilder g, string x, IReadOnlyList<EncoderLayer> layers, string path)
    {
        for (int i = 0; i < layers.Count; i++) x = Add(g, x, layers[i], $"{path}.{i}");
        return x;
    }

    private static string Add(OnnxGraphBuilder g, string x, EncoderLayer layer, string path) => layer switch
    {
        ConvLayer conv => Conv(g, x, conv, path),
        MaxPoolLayer pool => g.MaxPool2d(x, Longs(pool.Kernel), Longs(pool.Stride), pool.CeilMode),
        // x · gate(mean over H, W), the gate broadcast over H and W.
        SqueezeExcitationLayer se => g.Mul(x, Conv(g, Conv(g, g.GlobalAveragePool(x), se.Reduce, path + ".reduce"), se.Expand, path + ".expand")),
        ResidualLayer residual => g.Add(x, Add(g, x, residual.Layers, path)),
        StandardizeLayer standardize => Standardize(g, x, standardize, path),
        _ => throw new NotSupportedException($"no ONNX export for encoder layer {layer.GetType().Name}"),
    };

    private static string Conv(OnnxGraphBuilder g, string x, ConvLayer conv, string path)
    {
        string weights = Constant(g, path + ".weight", conv.Weight);
        string bias = Constant(g, path + ".bias", conv.Bias);
        var kernel = new long[] { conv.Weight.Shape[2], conv.Weight.Shape[3] };
        return g.Activate(g.Conv2d(x, weights, bias, kernel, Longs(conv.Stride), Longs(conv.Padding), conv.Groups), conv.Activation);
    }

    // (x − mean) / √(var + ε) per example, over channels, height and width (biased variance).
    private static string Standardize(OnnxGraphBuilder g, string x, StandardizeLayer layer, string path)
    {
        long[] axes = [1, 2, 3];
        string centred = g.Sub(x, g.ReduceMean(x, axes, keepDims: true));
        string variance = g.ReduceMean(g.Mul(centred, centred), axes, keepDims: true);
        string epsilon = g.AddConstant(path + ".epsilon", [(float)layer.Epsilon], []);
        return g.Div(centred, g.Sqrt(g.Add(variance, epsilon)));
    }

    /// <summary>A float32 initializer holding <paramref name="p"/>.</summary>
    public static string Constant(OnnxGraphBuilder g, string name, ParameterTensor p) => g.AddConstant(name, p.Values, Longs(p.Shape));

    private static long[] Longs(int[] values) => values.Select(v => (long)v).ToArray();
}
