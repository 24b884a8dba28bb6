using Leaf.Frontends.Classifiers;

namespace Leaf.Onnx.Classifiers;

/// <summary>The two-dimensional and classification operators (opset 17) of classifier graphs; each adds nodes and returns the output.</summary>
internal static class ClassifierOperators
{
    /// <summary><c>Conv</c> of [B, C, H, W] with weights [out, in/groups, kh, kw], a bias and explicit pads [top, left, bottom, right].</summary>
    public static string Conv2d(this OnnxGraphBuilder g, string x, string weights, string bias, long[] kernel, long[] strides, long[] pads, long group) =>
        g.AddNode("Conv", [x, weights, bias],
        [
            OnnxAttribute.Ints("kernel_shape", kernel), OnnxAttribute.Ints("strides", strides), OnnxAttribute.Ints("pads", pads),
            OnnxAttribute.Ints("dilations", 1, 1), OnnxAttribute.Int("group", group),
        ]);

    /// <summary>Unpadded two-dimensional <c>MaxPool</c>.</summary>
    public static string MaxPool2d(this OnnxGraphBuilder g, string x, long[] kernel, long[] strides, bool ceilMode) =>
        g.AddNode("MaxPool", [x],
            [OnnxAttribute.Ints("kernel_shape", kernel), OnnxAttribute.Ints("strides", strides), OnnxAttribute.Int("ceil_mode", ceilMode ? 1 : 0)]);

    /// <summary><c>GlobalAveragePool</c>: [B, C, H, W] → [B, C, 1, 1].</summary>
    public static string GlobalAveragePool(this OnnxGraphBuilder g, string x) => g.AddNode("GlobalAveragePool", [x]);

    /// <summary><c>ReduceMax</c> over <paramref name="axes"/> (an attribute up to opset 17), optionally named <paramref name="output"/>.</summary>
    public static string ReduceMax(this OnnxGraphBuilder g, string x, long[] axes, bool keepDims, string? output = null) =>
        g.AddNode("ReduceMax", [x], [OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0)], output);

    /// <summary><c>Gemm</c> with the weight transposed: x [B, in] · Wᵀ [in, out] + b, named <paramref name="output"/>.</summary>
    public static string Linear(this OnnxGraphBuilder g, string x, string weight, string bias, string output) =>
        g.AddNode("Gemm", [x, weight, bias], [OnnxAttribute.Int("transB", 1)], output);

    /// <summary><c>Softmax</c> over the last axis, named <paramref name="output"/>.</summary>
    public static string Softmax(this OnnxGraphBuilder g, string x, string output) =>
        g.AddNode("Softmax", [x], [OnnxAttribute.Int("axis", -1)], output);

    /// <summary>The activation as ONNX nodes: <c>Relu</c>, <c>Sigmoid</c>, or SiLU as x·Sigmoid(x); none adds nothing.</summary>
    public static string Activate(this OnnxGraphBuilder g, string x, Activation activation) => activation switch
    {
        Activation.None => x,
        Activation.Relu => g.AddNode("Relu", [x]),
        Activation.Sigmoid => g.AddNode("Sigmoid", [x]),
        Activation.Silu => g.Mul(x, g.AddNode("Sigmoid", [x])),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown activation"),
    };
}
