using System.Diagnostics;
using System.Text.Json;

namespace Leaf.Onnx.Tests;

/// <summary>
/// Runs the official ONNX checker (python3-onnx, <c>onnx.checker.check_model(full_check=True)</c>, which includes strict
/// shape inference) on model files, and reads back the fields it parsed — an independent decoder of our protobuf.
/// </summary>
internal static class OnnxChecker
{
    private const string Script = """
        import json, sys
        import onnx
        out = []
        for path in sys.argv[1:]:
            entry = {"path": path}
            try:
                m = onnx.load(path)
                onnx.checker.check_model(m, full_check=True)
                g = m.graph
                dims = lambda v: [d.dim_param if d.HasField("dim_param") else d.dim_value for d in v.type.tensor_type.shape.dim]
                entry.update(ok=True, ir=m.ir_version, opsets={o.domain: o.version for o in m.opset_import},
                    producer=m.producer_name, doc=m.doc_string, metadata={p.key: p.value for p in m.metadata_props},
                    inputs={v.name: dims(v) for v in g.input}, outputs={v.name: dims(v) for v in g.output},
                    initializers=[t.name for t in g.initializer], ops=sorted({n.op_type for n in g.node}))
            except Exception as e:
                entry.update(ok=False, error=f"{type(e).__name__}: {e}")
            out.append(entry)
        print(json.dumps(out))
        """;

    /// <summary>What the checker saw in one model.</summary>
    public sealed record Report(string Path, bool Ok, string? Error, long Ir, Dictionary<string, long> Opsets, string Producer, string Doc,
        Dictionary<string, string> Metadata, Dictionary<string, JsonElement[]> Inputs, Dictionary<string, JsonElement[]> Outputs,
        string[] Initializers, string[] Ops);

    /// <summary>Checks every file in one python process.</summary>
    /// <exception cref="InvalidOperationException">python3 or its onnx module is missing; the message says how to install it.</exception>
    public static IReadOnlyList<Report> Check(IReadOnlyList<string> paths)
    {
        string python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        foreach (var p in paths) start.ArgumentList.Add(p);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {python}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            string error = stderr.Result;
            if (error.Contains("No module named 'onnx'", StringComparison.Ordinal))
                throw new InvalidOperationException("the ONNX checker needs python3's onnx module: run `apt-get install python3-onnx` (./run-tests installs it)");
            throw new InvalidOperationException($"the ONNX checker failed ({python}, exit {process.ExitCode}): {error}");
        }
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return JsonSerializer.Deserialize<Report[]>(stdout, options) ?? throw new InvalidOperationException("the ONNX checker printed nothing");
    }
}
