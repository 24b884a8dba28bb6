using Leaf.Frontends;
using Leaf.Onnx;
using Leaf.Tests;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Cli.Tests;

/// <summary><c>leaf export --segment-samples</c> writes the segmented one-model export (docs/streaming.md), which computes the offline model's features.</summary>
public sealed class ExportSegmentedTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void SegmentSamplesWritesTheSegmentedModelWithTheOfflineFeatures()
    {
        string path = _dir.File("segmented.onnx");
        var (code, output, err) = CliBasicsTests.Run("export", "--segment-samples", "8192", "--out", path);
        Assert.True(code == 0, err);
        Assert.Contains("in segments of at most 8192 samples (batch 1)", output);
        var d = FrontendDescription.Default(FrontendKind.Leaf).WithInitialParameters();
        Assert.Equal(FrontendExporter.Export(d, new FrontendExportOptions { SegmentSamples = 8192 }), File.ReadAllBytes(path));

        var random = new Random(9);
        float[] signal = [.. Enumerable.Range(0, 30_001).Select(_ => (float)(random.NextDouble() - 0.5))]; // several segments
        using var offline = new OnnxFrontend(FrontendExporter.Export(d), new OnnxFrontendOptions { ChunkSamples = 0 });
        using var session = new InferenceSession(path);
        using var input = OrtValue.CreateTensorValueFromMemory(signal, [1, signal.Length]);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [FrontendExporter.InputName], [input], [FrontendExporter.OutputName]);
        float[,] expected = offline.Featurize(signal);
        var actual = results[0].GetTensorDataAsSpan<float>();
        Assert.Equal(expected.Length, actual.Length);
        for (int f = 0; f < expected.GetLength(0); f++)
            for (int c = 0; c < expected.GetLength(1); c++)
                Assert.Equal(expected[f, c], actual[f * expected.GetLength(1) + c]);
    }

    [Fact]
    public void SegmentsTooShortOrOnAClassifierAreRefused()
    {
        string path = _dir.File("refused.onnx");
        var (code, _, err) = CliBasicsTests.Run("export", "--segment-samples", "1000", "--out", path);
        Assert.NotEqual(0, code);
        Assert.Contains("at least 1121", err);
        (code, _, err) = CliBasicsTests.Run("export", "--segment-samples", "8192", "--classifier", _dir.File("classifier.json"), "--out", path);
        Assert.NotEqual(0, code);
        Assert.Contains("--segment-samples applies to frontend models", err);
        Assert.False(File.Exists(path));
    }
}
