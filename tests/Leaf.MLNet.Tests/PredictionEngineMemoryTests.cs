using System.Diagnostics;
using Leaf.Frontends;
using Microsoft.ML;
using Xunit.Abstractions;

namespace Leaf.MLNet.Tests;

/// <summary>Runs alone, after the parallel tests, so that process-wide memory counts only this test's allocations.</summary>
[CollectionDefinition(nameof(MemoryCollection), DisableParallelization = true)]
public sealed class MemoryCollection;

/// <summary>A PredictionEngine reused for thousands of files keeps managed and native memory flat.</summary>
[Collection(nameof(MemoryCollection))]
public sealed class PredictionEngineMemoryTests(ITestOutputHelper output)
{
    private sealed class FeaturesRow
    {
        public float[] Features { get; set; } = [];
    }

    [Fact]
    public void TwoThousandPredictionsDoNotGrowMemory()
    {
        using var temp = new TempAudio();
        string file = temp.Tone("tone", 1000, 1, noise: 0.1);
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([new PathRow { Path = file }]);
        // A small frontend keeps the test fast; the engine and ONNX session code paths are the same as LEAF's.
        using var model = ml.Transforms.LoadAudio("Waveform", "Path")
            .Append(ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { Frontend = new FrontendDescription { FilterCount = 8 }, Layout = FeatureLayout.MeanStd }))
            .Fit(data);
        using var engine = ml.Model.CreatePredictionEngine<PathRow, FeaturesRow>(model);
        var row = new PathRow { Path = file };
        float[] first = engine.Predict(row).Features;

        AssertMemoryStaysFlat("predictions", warmUp: 300, count: 2000, () => Assert.Equal(16, engine.Predict(row).Features.Length));
        Assert.Equal(first, engine.Predict(row).Features);
    }

    private sealed class ClassifiedRow
    {
        public string PredictedLabel { get; set; } = "";
        public float[] Score { get; set; } = [];
    }

    [Fact]
    public void TenThousandClassifierPredictionsDoNotGrowMemory()
    {
        using var temp = new TempAudio();
        string file = temp.Tone("tone", 1000, 1, noise: 0.1);
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([new PathRow { Path = file }]);
        using var model = ClassifierTests.Pipeline(ml, TinyClassifier.Write(Path.Combine(temp.Folder, "model.onnx"), filters: 1)).Fit(data); // one filter: fast, same code paths
        using var engine = ml.Model.CreatePredictionEngine<PathRow, ClassifiedRow>(model);
        var row = new PathRow { Path = file };
        var first = engine.Predict(row);

        // A leak of one ONNX input or output per prediction (≥ 64 KB for the 16 000-sample waveform) would add ≥ 600 MB.
        AssertMemoryStaysFlat("classifier predictions", warmUp: 500, count: 10_000, () => Assert.Equal(first.PredictedLabel, engine.Predict(row).PredictedLabel));
        Assert.Equal(first.Score, engine.Predict(row).Score);
    }

    // Calls predictOnce warmUp times (pools and arenas reach their working size), then count times between two
    // measurements; managed growth must stay under 4 MB and private (native) growth under 32 MB.
    private void AssertMemoryStaysFlat(string what, int warmUp, int count, Action predictOnce)
    {
        for (int i = 0; i < warmUp; i++) predictOnce();
        var before = Measure();
        for (int i = 0; i < count; i++) predictOnce();
        var after = Measure();
        output.WriteLine($"growth over {count} {what}: managed {after.Managed - before.Managed} B, private {after.Private - before.Private} B");
        Assert.InRange(after.Managed - before.Managed, long.MinValue, 4L << 20);
        Assert.InRange(after.Private - before.Private, long.MinValue, 32L << 20);
    }

    private static (long Managed, long Private) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true), self.PrivateMemorySize64);
    }
}
