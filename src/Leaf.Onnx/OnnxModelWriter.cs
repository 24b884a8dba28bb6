using System.Reflection;
using Google.Protobuf;
using Leaf.Onnx.Proto;

namespace Leaf.Onnx;

/// <summary>Wraps a graph into an ONNX model (IR version 8, default-domain opset 17) and writes it.</summary>
public static class OnnxModelWriter
{
    /// <summary>ONNX IR version written (8: ONNX 1.10 – 1.12 and later readers).</summary>
    public const long IrVersion = 8;

    /// <summary>Opset of the default (ai.onnx) domain (17: LayerNormalization, Shape with start/end).</summary>
    public const long OpsetVersion = 17;

    /// <summary>The <c>producer_name</c> of every model written here.</summary>
    public const string ProducerName = "leaf-dotnet";

    /// <summary>The <c>producer_version</c>: this assembly's informational version.</summary>
    public static string ProducerVersion { get; } =
        typeof(OnnxModelWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>Serialises <paramref name="graph"/> as a complete model.</summary>
    /// <param name="graph">The graph.</param>
    /// <param name="metadata">Key/value pairs stored in <c>metadata_props</c> (keys must be unique).</param>
    /// <param name="docString">Human-readable description of the model.</param>
    /// <exception cref="ArgumentException">A metadata key appears twice.</exception>
    public static byte[] ToBytes(OnnxGraphBuilder graph, IEnumerable<KeyValuePair<string, string>>? metadata = null, string? docString = null)
    {
        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = ProducerName,
            ProducerVersion = ProducerVersion,
            ModelVersion = 1,
            Graph = graph.ToProto(),
        };
        if (docString is not null) model.DocString = docString;
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = OpsetVersion });
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in metadata ?? [])
        {
            if (!keys.Add(key)) throw new ArgumentException($"metadata key '{key}' appears twice", nameof(metadata));
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }
        return model.ToByteArray();
    }

    /// <summary>Writes model bytes to <paramref name="path"/> atomically (a temporary file in the same folder, then a rename).</summary>
    public static void WriteFile(string path, byte[] model) => Leaf.Audio.AtomicFile.Write(path, stream => stream.Write(model));
}
