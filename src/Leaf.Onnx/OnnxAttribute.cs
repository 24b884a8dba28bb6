using Google.Protobuf;
using Leaf.Onnx.Proto;

namespace Leaf.Onnx;

/// <summary>A node attribute (ONNX <c>AttributeProto</c>): a name and one typed value.</summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(AttributeProto proto) => Proto = proto;

    internal AttributeProto Proto { get; }

    /// <summary>The attribute's name.</summary>
    public string Name => Proto.Name;

    /// <summary>An integer attribute (e.g. <c>group</c>, <c>axis</c>).</summary>
    public static OnnxAttribute Int(string name, long value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    /// <summary>An integer-list attribute (e.g. <c>pads</c>, <c>strides</c>, <c>perm</c>).</summary>
    public static OnnxAttribute Ints(string name, params long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return new(a);
    }

    /// <summary>A float attribute (e.g. <c>epsilon</c>, <c>alpha</c>).</summary>
    public static OnnxAttribute Float(string name, float value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value });

    /// <summary>A string attribute (e.g. <c>auto_pad</c>, <c>mode</c>), stored as UTF-8.</summary>
    public static OnnxAttribute String(string name, string value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) });

    /// <summary>A graph attribute (e.g. the <c>body</c> of <c>Scan</c>).</summary>
    public static OnnxAttribute Graph(string name, OnnxGraphBuilder graph) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Graph, G = graph.ToProto() });
}
