namespace Leaf.Onnx;

/// <summary>Typed helpers for the ONNX operators (opset 17) the exporters use; each adds one node and returns its output.</summary>
public static class OnnxOperators
{
    /// <summary><c>Add</c> (broadcasting).</summary>
    public static string Add(this OnnxGraphBuilder g, string a, string b) => g.AddNode("Add", [a, b]);

    /// <summary><c>Sub</c> (broadcasting).</summary>
    public static string Sub(this OnnxGraphBuilder g, string a, string b) => g.AddNode("Sub", [a, b]);

    /// <summary><c>Mul</c> (broadcasting).</summary>
    public static string Mul(this OnnxGraphBuilder g, string a, string b) => g.AddNode("Mul", [a, b]);

    /// <summary><c>Div</c> (broadcasting).</summary>
    public static string Div(this OnnxGraphBuilder g, string a, string b) => g.AddNode("Div", [a, b]);

    /// <summary><c>Pow</c>: a^b element-wise (broadcasting).</summary>
    public static string Pow(this OnnxGraphBuilder g, string a, string b) => g.AddNode("Pow", [a, b]);

    /// <summary><c>Max</c> of two tensors (broadcasting).</summary>
    public static string Max(this OnnxGraphBuilder g, string a, string b) => g.AddNode("Max", [a, b]);

    /// <summary><c>Min</c> of two tensors (broadcasting).</summary>
    public static string Min(this OnnxGraphBuilder g, string a, string b) => g.AddNode("Min", [a, b]);

    /// <summary><c>Log</c> (natural logarithm).</summary>
    public static string Log(this OnnxGraphBuilder g, string x) => g.AddNode("Log", [x]);

    /// <summary><c>LeakyRelu</c> with negative slope <paramref name="alpha"/>.</summary>
    public static string LeakyRelu(this OnnxGraphBuilder g, string x, float alpha) =>
        g.AddNode("LeakyRelu", [x], [OnnxAttribute.Float("alpha", alpha)]);

    /// <summary><c>MatMul</c> (numpy semantics).</summary>
    public static string MatMul(this OnnxGraphBuilder g, string a, string b) => g.AddNode("MatMul", [a, b]);

    /// <summary><c>Identity</c>, used to give a value a chosen name.</summary>
    public static string Identity(this OnnxGraphBuilder g, string x, string output) => g.AddNode("Identity", [x], output: output);

    /// <summary><c>Unsqueeze</c> at <paramref name="axes"/> (axes as an input, opset ≥ 13).</summary>
    public static string Unsqueeze(this OnnxGraphBuilder g, string x, params long[] axes) => g.AddNode("Unsqueeze", [x, g.AddInt64s(axes)]);

    /// <summary><c>Reshape</c> to <paramref name="shape"/> (0 copies the input's dimension, −1 is inferred).</summary>
    public static string Reshape(this OnnxGraphBuilder g, string x, params long[] shape) => g.AddNode("Reshape", [x, g.AddInt64s(shape)]);

    /// <summary><c>Transpose</c> with permutation <paramref name="perm"/>.</summary>
    public static string Transpose(this OnnxGraphBuilder g, string x, params long[] perm) =>
        g.AddNode("Transpose", [x], [OnnxAttribute.Ints("perm", perm)]);

    /// <summary><c>ReduceSum</c> over <paramref name="axes"/> (axes as an input, opset ≥ 13).</summary>
    public static string ReduceSum(this OnnxGraphBuilder g, string x, long[] axes, bool keepDims) =>
        g.AddNode("ReduceSum", [x, g.AddInt64s(axes)], [OnnxAttribute.Int("keepdims", keepDims ? 1 : 0)]);

    /// <summary><c>Concat</c> along <paramref name="axis"/>.</summary>
    public static string Concat(this OnnxGraphBuilder g, long axis, params string[] inputs) =>
        g.AddNode("Concat", inputs, [OnnxAttribute.Int("axis", axis)]);

    /// <summary><c>Shape</c> of <paramref name="x"/>, restricted to dimensions [start, end) (opset ≥ 15): an int64 vector.</summary>
    public static string Shape(this OnnxGraphBuilder g, string x, long start, long end) =>
        g.AddNode("Shape", [x], [OnnxAttribute.Int("start", start), OnnxAttribute.Int("end", end)]);

    /// <summary><c>Slice</c> with int64 tensors <paramref name="starts"/>, <paramref name="ends"/> and <paramref name="axes"/>.</summary>
    public static string Slice(this OnnxGraphBuilder g, string x, string starts, string ends, string axes) =>
        g.AddNode("Slice", [x, starts, ends, axes]);

    /// <summary>Constant-zero <c>Pad</c> with an int64 pads tensor [begin₀ … beginₙ, end₀ … endₙ].</summary>
    public static string Pad(this OnnxGraphBuilder g, string x, string pads) => g.AddNode("Pad", [x, pads]);

    /// <summary>
    /// <c>Conv</c> (cross-correlation, as TF's): input [B, C_in, T], weights [C_out, C_in/group, K], no bias. Padding is
    /// either explicit (<paramref name="pads"/> = [left, right]) or <paramref name="autoPad"/> (e.g. <c>SAME_UPPER</c>).
    /// </summary>
    public static string Conv(this OnnxGraphBuilder g, string x, string weights, long stride = 1, long group = 1, long[]? pads = null, string? autoPad = null)
    {
        var attributes = new List<OnnxAttribute> { OnnxAttribute.Ints("strides", stride), OnnxAttribute.Int("group", group) };
        if (pads is not null) attributes.Add(OnnxAttribute.Ints("pads", pads));
        if (autoPad is not null) attributes.Add(OnnxAttribute.String("auto_pad", autoPad));
        return g.AddNode("Conv", [x, weights], attributes);
    }

    /// <summary>One-dimensional <c>MaxPool</c> over the last axis with <paramref name="autoPad"/> padding (padding never wins).</summary>
    public static string MaxPool(this OnnxGraphBuilder g, string x, long kernel, long stride, string autoPad) =>
        g.AddNode("MaxPool", [x],
            [OnnxAttribute.Ints("kernel_shape", kernel), OnnxAttribute.Ints("strides", stride), OnnxAttribute.String("auto_pad", autoPad)]);

    /// <summary><c>LayerNormalization</c> over the last axis (opset ≥ 17): (x − mean)/√(var + ε)·scale + bias.</summary>
    public static string LayerNormalization(this OnnxGraphBuilder g, string x, string scale, string bias, float epsilon) =>
        g.AddNode("LayerNormalization", [x, scale, bias], [OnnxAttribute.Int("axis", -1), OnnxAttribute.Float("epsilon", epsilon)]);

    /// <summary><c>InstanceNormalization</c> of [B, C, T] over T per (example, channel), with per-channel scale and bias.</summary>
    public static string InstanceNormalization(this OnnxGraphBuilder g, string x, string scale, string bias, float epsilon) =>
        g.AddNode("InstanceNormalization", [x, scale, bias], [OnnxAttribute.Float("epsilon", epsilon)]);

    /// <summary><c>Gather</c> along <paramref name="axis"/> with an int64 index tensor.</summary>
    public static string Gather(this OnnxGraphBuilder g, string x, string indices, long axis) =>
        g.AddNode("Gather", [x, indices], [OnnxAttribute.Int("axis", axis)]);

    /// <summary><c>Less</c>: a &lt; b element-wise (broadcasting), a bool tensor.</summary>
    public static string Less(this OnnxGraphBuilder g, string a, string b) => g.AddNode("Less", [a, b]);

    /// <summary><c>GreaterOrEqual</c>: a ≥ b element-wise (broadcasting), a bool tensor.</summary>
    public static string GreaterOrEqual(this OnnxGraphBuilder g, string a, string b) => g.AddNode("GreaterOrEqual", [a, b]);

    /// <summary><c>Cast</c> to float32.</summary>
    public static string CastToFloat(this OnnxGraphBuilder g, string x) => g.AddNode("Cast", [x], [OnnxAttribute.Int("to", 1)]);

    /// <summary><c>Cast</c> to float64.</summary>
    public static string CastToDouble(this OnnxGraphBuilder g, string x) => g.AddNode("Cast", [x], [OnnxAttribute.Int("to", 11)]);

    /// <summary><c>Sqrt</c> element-wise.</summary>
    public static string Sqrt(this OnnxGraphBuilder g, string x) => g.AddNode("Sqrt", [x]);

    /// <summary><c>ReduceMean</c> over <paramref name="axes"/> (an attribute up to opset 17), optionally named <paramref name="output"/>.</summary>
    public static string ReduceMean(this OnnxGraphBuilder g, string x, long[] axes, bool keepDims, string? output = null) =>
        g.AddNode("ReduceMean", [x], [OnnxAttribute.Ints("axes", axes), OnnxAttribute.Int("keepdims", keepDims ? 1 : 0)], output);
}
