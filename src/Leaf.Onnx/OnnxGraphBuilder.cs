using System.Runtime.InteropServices;
using Google.Protobuf;
using Leaf.Onnx.Proto;

namespace Leaf.Onnx;

/// <summary>
/// Builds an ONNX graph node by node. Values are referred to by name; every name the builder creates is unique.
/// Constants become initializers (float32 as little-endian <c>raw_data</c>, int64 lists de-duplicated). Graph inputs
/// and outputs are float32 tensors. Write the result with <see cref="OnnxModelWriter"/>.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly GraphProto graph;
    private readonly HashSet<string> names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> int64Constants = new(StringComparer.Ordinal);
    private readonly string namePrefix = "";

    /// <summary>Starts an empty graph.</summary>
    /// <param name="name">Graph name.</param>
    /// <param name="docString">Free text stored with the graph.</param>
    public OnnxGraphBuilder(string name, string? docString = null)
    {
        graph = new GraphProto { Name = name };
        if (docString is not null) graph.DocString = docString;
    }

    /// <summary>
    /// Starts an empty subgraph (the body of a <c>Loop</c> or <c>Scan</c>) whose generated value and node names all start
    /// with <paramref name="namePrefix"/>, so that none shadows a value of the enclosing graph.
    /// </summary>
    internal OnnxGraphBuilder(string name, string namePrefix, IEnumerable<string> outerScopeValues) : this(name)
    {
        this.namePrefix = namePrefix;
        foreach (string value in outerScopeValues) names.Add(value); // readable by the subgraph's nodes, declared elsewhere
    }

    /// <summary>Declares a graph input of element type <paramref name="type"/> (a Loop body's iteration number and condition).</summary>
    /// <exception cref="ArgumentException">The name is already used.</exception>
    internal string AddTypedInput(string name, TensorProto.Types.DataType type, params OnnxDim[] dims)
    {
        Claim(name);
        graph.Input.Add(ValueInfo(name, type, dims));
        return name;
    }

    /// <summary>Declares the existing value <paramref name="value"/> as a graph output of element type <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException">No value of that name exists.</exception>
    internal void AddTypedOutput(string value, TensorProto.Types.DataType type, params OnnxDim[] dims)
    {
        if (!names.Contains(value)) throw new ArgumentException($"no value named '{value}' in graph '{graph.Name}'", nameof(value));
        graph.Output.Add(ValueInfo(value, type, dims));
    }

    /// <summary>Declares a float32 graph input.</summary>
    /// <exception cref="ArgumentException">The name is already used.</exception>
    public string AddInput(string name, params OnnxDim[] dims)
    {
        Claim(name);
        graph.Input.Add(FloatValueInfo(name, dims));
        return name;
    }

    /// <summary>Declares the existing value <paramref name="value"/> as a float32 graph output.</summary>
    /// <exception cref="ArgumentException">No value of that name exists.</exception>
    public void AddOutput(string value, params OnnxDim[] dims)
    {
        if (!names.Contains(value)) throw new ArgumentException($"no value named '{value}' in graph '{graph.Name}'", nameof(value));
        graph.Output.Add(FloatValueInfo(value, dims));
    }

    /// <summary>A float32 initializer with the given shape (the product of <paramref name="shape"/> must equal the value count; an empty shape is a scalar).</summary>
    /// <exception cref="ArgumentException">Shape and value count disagree.</exception>
    public string AddConstant(string hint, ReadOnlySpan<float> values, params long[] shape)
    {
        RequireCount(values.Length, shape);
        var t = new TensorProto { Name = Unique(hint), DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(shape);
        // raw_data is little-endian by definition; so is every platform .NET runs this on.
        t.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        graph.Initializer.Add(t);
        return t.Name;
    }

    /// <summary>A float32 scalar initializer.</summary>
    public string AddScalar(string hint, float value) => AddConstant(hint, [value]);

    /// <summary>A float64 scalar initializer (for statistics that must match a double-precision reference).</summary>
    public string AddDoubleScalar(string hint, double value)
    {
        var t = new TensorProto { Name = Unique(hint), DataType = (int)TensorProto.Types.DataType.Double };
        t.DoubleData.Add(value);
        graph.Initializer.Add(t);
        return t.Name;
    }

    /// <summary>A one-dimensional int64 initializer (axes, shapes, pads); equal lists share one initializer.</summary>
    public string AddInt64s(params long[] values)
    {
        string key = string.Join(",", values);
        if (int64Constants.TryGetValue(key, out var existing)) return existing;
        var t = new TensorProto { Name = Unique("i64_" + key.Replace(",", "_").Replace("-", "m")), DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.Add(values.Length);
        t.Int64Data.AddRange(values);
        graph.Initializer.Add(t);
        int64Constants[key] = t.Name;
        return t.Name;
    }

    /// <summary>
    /// Adds a node of the default (ai.onnx) domain with one output and returns the output's name:
    /// <paramref name="output"/> if given (it must be unused), otherwise a fresh name derived from the operator.
    /// An empty input name marks an omitted optional input.
    /// </summary>
    /// <exception cref="ArgumentException">An input does not exist, or the output name is taken.</exception>
    public string AddNode(string opType, IReadOnlyList<string> inputs, IEnumerable<OnnxAttribute>? attributes = null, string? output = null)
    {
        foreach (var input in inputs)
            if (input.Length > 0 && !names.Contains(input))
                throw new ArgumentException($"{opType}: no value named '{input}' in graph '{graph.Name}'", nameof(inputs));
        string result = output ?? Unique(opType.ToLowerInvariant());
        if (output is not null) Claim(output);
        var node = new NodeProto { OpType = opType, Name = $"{namePrefix}{opType}_{graph.Node.Count}" };
        node.Input.AddRange(inputs);
        node.Output.Add(result);
        if (attributes is not null) node.Attribute.AddRange(attributes.Select(a => a.Proto));
        graph.Node.Add(node);
        return result;
    }

    /// <summary>
    /// Appends the initializers, nodes and value infos of <paramref name="inner"/> (which must have no subgraphs): each of
    /// its graph inputs named in <paramref name="inputs"/> becomes the builder's value it maps to; every other value is
    /// renamed <paramref name="prefix"/> + its name (so <c>prefix + output</c> names an inner output afterwards).
    /// </summary>
    /// <exception cref="ArgumentException">An inner graph input is not bound, a bound value does not exist, or a renamed value is taken.</exception>
    /// <exception cref="NotSupportedException">A node of <paramref name="inner"/> holds a subgraph.</exception>
    internal void AddGraph(GraphProto inner, string prefix, IReadOnlyDictionary<string, string> inputs)
    {
        var initializers = inner.Initializer.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var input in inner.Input.Where(i => !initializers.Contains(i.Name)))
            if (!inputs.TryGetValue(input.Name, out var bound) || !names.Contains(bound))
                throw new ArgumentException($"input '{input.Name}' of graph '{inner.Name}' is not bound to a value of graph '{graph.Name}'", nameof(inputs));
        string Map(string name) => name.Length == 0 ? name : inputs.TryGetValue(name, out var bound) ? bound : prefix + name;
        foreach (var initializer in inner.Initializer)
        {
            var copy = initializer.Clone();
            copy.Name = Map(initializer.Name);
            Claim(copy.Name);
            graph.Initializer.Add(copy);
        }
        foreach (var node in inner.Node)
        {
            if (node.Attribute.Any(a => a.G is not null || a.Graphs.Count > 0))
                throw new NotSupportedException($"node '{node.Name}' ({node.OpType}) of graph '{inner.Name}' holds a subgraph");
            var copy = node.Clone();
            copy.Name = prefix + node.Name;
            copy.Input.Clear();
            copy.Input.AddRange(node.Input.Select(Map));
            copy.Output.Clear();
            foreach (string output in node.Output.Select(Map))
            {
                if (output.Length > 0) Claim(output);
                copy.Output.Add(output);
            }
            graph.Node.Add(copy);
        }
        foreach (var info in inner.ValueInfo)
        {
            var copy = info.Clone();
            copy.Name = Map(info.Name);
            graph.ValueInfo.Add(copy);
        }
    }

    internal GraphProto ToProto() => graph.Clone();

    private static ValueInfoProto FloatValueInfo(string name, OnnxDim[] dims) => ValueInfo(name, TensorProto.Types.DataType.Float, dims);

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, OnnxDim[] dims)
    {
        var shape = new TensorShapeProto();
        foreach (var d in dims)
            shape.Dim.Add(d.Symbol is null ? new TensorShapeProto.Types.Dimension { DimValue = d.Size!.Value } : new TensorShapeProto.Types.Dimension { DimParam = d.Symbol });
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shape };
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    private static void RequireCount(int count, long[] shape)
    {
        long expected = shape.Aggregate(1L, (a, b) => a * b);
        if (expected != count) throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {expected} values, got {count}", nameof(shape));
    }

    private void Claim(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("value names cannot be empty", nameof(name));
        if (!names.Add(name)) throw new ArgumentException($"value name '{name}' is already used in graph '{graph.Name}'", nameof(name));
    }

    private string Unique(string hint)
    {
        string name = namePrefix + hint;
        for (int i = 1; names.Contains(name); i++) name = $"{namePrefix}{hint}_{i}";
        names.Add(name);
        return name;
    }
}
