using Leaf.Frontends;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.Onnx.Tests;

/// <summary>An exported frontend loaded by ML.NET's OnnxTransformer gives the numbers ONNX Runtime gives when called directly.</summary>
public sealed class MlNetTests
{
    private const int Samples = 16000;

    private sealed class Clip
    {
        [ColumnName(FrontendExporter.InputName), VectorType(Samples)]
        public float[] Waveform { get; set; } = [];
    }

    public static TheoryData<string> Kinds() => new("leaf-golden-perturbed", "mel", "sincnet+");

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ApplyOnnxModelMatchesDirectOnnxRuntime(string name)
    {
        using var folder = new TempFolder();
        string path = folder.File(name + ".onnx");
        var info = FrontendExporter.ExportToFile(ExportCases.All[name], path, new FrontendExportOptions { FixedSamples = Samples });
        var random = new Random(5);
        var clips = Enumerable.Range(0, 3).Select(_ => new Clip { Waveform = Enumerable.Range(0, Samples).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray() }).ToArray();

        var ml = new MLContext(seed: 0);
        var data = ml.Data.LoadFromEnumerable(clips);
        using var model = ml.Transforms.ApplyOnnxModel([FrontendExporter.OutputName], [FrontendExporter.InputName], path).Fit(data);
        float[][] viaMlNet = model.Transform(data).GetColumn<float[]>(FrontendExporter.OutputName).ToArray();

        using var direct = new OnnxFrontend(path);
        Assert.Equal(clips.Length, viaMlNet.Length);
        for (int i = 0; i < clips.Length; i++)
        {
            // OnnxTransformer runs one row at a time: the same batch-1 run, up to the thread pool's GEMM partitioning (1 ulp).
            Assert.Equal(info.FrameCount(Samples) * info.Channels, viaMlNet[i].Length);
            double error = Leaf.Tests.Golden.MaxRelativeError(viaMlNet[i], Arrays.Flatten(direct.Featurize(clips[i].Waveform)), TorchReference.ErrorFloor(info.Frontend));
            Assert.True(error < 1e-6, $"{name}, clip {i}: ML.NET differs from ONNX Runtime by {error:E2}");
        }
    }
}
