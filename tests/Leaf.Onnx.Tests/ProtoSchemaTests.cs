using System.Diagnostics;
using System.Text.Json;
using Google.Protobuf.Reflection;
using Leaf.Onnx.Proto;

namespace Leaf.Onnx.Tests;

/// <summary>
/// Every field and enum value of our hand-written onnx.proto against the official descriptors compiled into python3-onnx
/// (a public C# exporter once got the opset-import and tensor-name numbers wrong: this catches any such slip, including
/// in fields the exporter does not write yet).
/// </summary>
public sealed class ProtoSchemaTests
{
    private const string Script = """
        import json, sys
        from onnx import onnx_ml_pb2 as pb
        out = {}
        def visit(d):
            out[d.full_name] = {f.name: [f.number, f.type, f.label] for f in d.fields}
            for e in d.enum_types:
                out[e.full_name] = {v.name: [v.number, 0, 0] for v in e.values}
            for n in d.nested_types:
                visit(n)
        for name in sys.argv[1:]:
            visit(pb.DESCRIPTOR.message_types_by_name[name])
        print(json.dumps(out))
        """;

    [Fact]
    public void FieldNumbersTypesAndLabelsEqualTheOfficialSchema()
    {
        var ours = new Dictionary<string, Dictionary<string, int[]>>(StringComparer.Ordinal);
        void Visit(MessageDescriptor m)
        {
            ours[m.FullName] = m.Fields.InDeclarationOrder().ToDictionary(f => f.Name, f => new[] { f.FieldNumber, (int)f.FieldType, f.IsRepeated ? 3 : 1 });
            foreach (var e in m.EnumTypes) ours[e.FullName] = e.Values.ToDictionary(v => v.Name, v => new[] { v.Number, 0, 0 });
            foreach (var nested in m.NestedTypes) Visit(nested);
        }
        foreach (var m in OnnxReflection.Descriptor.MessageTypes) Visit(m);

        var official = Official(OnnxReflection.Descriptor.MessageTypes.Select(m => m.Name));
        Assert.Equal(15, ours.Count); // 12 messages (2 of them nested) and 3 enums
        foreach (var (type, fields) in ours)
        {
            Assert.True(official.ContainsKey(type), $"official ONNX has no {type}");
            foreach (var (field, spec) in fields)
            {
                Assert.True(official[type].TryGetValue(field, out var expected), $"official {type} has no {field}");
                // Numbers must match exactly; field types are compared through protobuf's FieldDescriptorProto.Type numbering.
                Assert.Equal(expected[0], spec[0]);
                if (spec[1] != 0) Assert.Equal(ProtoTypeNumber(expected[1]), spec[1]);
                if (spec[1] != 0) Assert.Equal(expected[2], spec[2]);
            }
        }
    }

    private static Dictionary<string, Dictionary<string, int[]>> Official(IEnumerable<string> messages)
    {
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        foreach (var m in messages) start.ArgumentList.Add(m);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (stderr.Result.Contains("No module named 'onnx'", StringComparison.Ordinal))
            Assert.Fail("the ONNX schema check needs python3's onnx module: run `apt-get install python3-onnx` (./run-tests installs it)");
        Assert.True(process.ExitCode == 0, stderr.Result);
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int[]>>>(stdout)!;
    }

    // Google.Protobuf's FieldType enum and descriptor.proto's Type enum number the types differently.
    private static int ProtoTypeNumber(int descriptorType) => descriptorType switch
    {
        1 => (int)FieldType.Double, 2 => (int)FieldType.Float, 3 => (int)FieldType.Int64, 4 => (int)FieldType.UInt64,
        5 => (int)FieldType.Int32, 9 => (int)FieldType.String, 11 => (int)FieldType.Message, 12 => (int)FieldType.Bytes,
        14 => (int)FieldType.Enum,
        _ => throw new ArgumentOutOfRangeException(nameof(descriptorType), descriptorType, "type not used in onnx.proto"),
    };
}
