using Leaf.Frontends;
using Leaf.Onnx;
using Leaf.Tests;

namespace Leaf.Cli.Tests;

/// <summary>models/ holds what the exporter produces today (regenerate with the command in models/README.md).</summary>
public class ShippedModelsTests
{
    [Fact]
    public void DefaultLeafOnnxIsExactlyWhatTheExporterProduces()
    {
        byte[] shipped = File.ReadAllBytes(Repository.Path("models", "leaf-default.onnx"));
        byte[] exported = FrontendExporter.Export(FrontendDescription.Default(FrontendKind.Leaf).WithInitialParameters());
        Assert.True(shipped.AsSpan().SequenceEqual(exported),
            "models/leaf-default.onnx is stale: run ./leaf export --out models/leaf-default.onnx --json");
    }

    [Fact]
    public void DefaultLeafJsonIsTheCompleteDefaultDescription()
    {
        var shipped = FrontendDescription.Load(Repository.Path("models", "leaf-default.json"));
        Assert.Equal(FrontendDescription.Default(FrontendKind.Leaf).WithInitialParameters().ToJson(), shipped.ToJson());
        Assert.Equal(280, shipped.Parameters.Values.Sum(p => p.ElementCount));
    }

    [Fact]
    public void ExportCommandRegeneratesTheShippedModel()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"leaf-export-{Guid.NewGuid():N}");
        try
        {
            var (code, output, err) = CliBasicsTests.Run("export", "--out", Path.Combine(dir, "leaf-default.onnx"), "--json");
            Assert.True(code == 0, err);
            Assert.Contains("leaf frontend, 40 channels at 16000 Hz", output);
            Assert.Equal(File.ReadAllBytes(Repository.Path("models", "leaf-default.onnx")), File.ReadAllBytes(Path.Combine(dir, "leaf-default.onnx")));
            Assert.Equal(File.ReadAllText(Repository.Path("models", "leaf-default.json")), File.ReadAllText(Path.Combine(dir, "leaf-default.json")));
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }
}
