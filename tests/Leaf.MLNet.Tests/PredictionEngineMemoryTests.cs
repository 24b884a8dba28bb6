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

        void Predict(int count)
        {
            for (int i = 0; i < count; i++) Assert.Equal(16, engine.Predict(row).Features.Length);
        }
        Predict(300); // warm-up: pools and arenas reach their working size
        (long managed, long native) before = Measure();
        Predict(2000);
        (long managed, long native) after = Measure();

        output.WriteLine($"growth over 2000 predictions: managed {after.managed - before.managed} B, private {after.native - before.native} B");
        Assert.Equal(first, engine.Predict(row).Features);
        Assert.InRange(after.managed - before.managed, long.MinValue, 4L << 20);
        Assert.InRange(after.native - before.native, long.MinValue, 32L << 20);
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

        void Predict(int count)
        {
            for (int i = 0; i < count; i++) Assert.Equal(first.PredictedLabel, engine.Predict(row).PredictedLabel);
        }
        Predict(500); // warm-up
        (long managed, long native) before = Measure();
        Predict(10_000);
        (long managed, long native) after = Measure();

        output.WriteLine($"growth over 10 000 classifier predictions: managed {after.managed - before.managed} B, private {after.native - before.native} B");
        Assert.Equal(first.Score, engine.Predict(row).Score);
        // A leak of one ONNX input or output per prediction (≥ 64 KB for the 16 000-sample waveform) would add ≥ 600 MB.
        Assert.InRange(after.managed - before.managed, long.MinValue, 4L << 20);
        Assert.InRange(after.native - before.native, long.MinValue, 32L << 20);
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
