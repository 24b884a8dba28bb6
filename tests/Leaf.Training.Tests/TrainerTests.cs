using Leaf.Audio;
using Leaf.Datasets;
using Leaf.Frontends;
using Leaf.Tests;
using Leaf.Training.Classifiers;
using Leaf.Training.Fitting;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

[Collection(TorchRngCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    internal const int Samples = 8000;   // 0.5 s clips keep these runs fast
    private readonly DataTestFiles _files = new();

    public TrainerTests()
    {
        // Two easy classes: low and high tones with varied frequency and phase.
        for (int i = 0; i < 8; i++)
        {
            _files.Wav($"low/{i}.wav", Tone(300 + 20 * i, i));
            _files.Wav($"high/{i}.wav", Tone(3000 + 100 * i, i));
        }
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void TrainingLossDecreasesOnSeparableTones()
    {
        var result = Train(Options("loss") with { Epochs = 5 });
        Assert.Equal(5, result.Metrics.Count);
        Assert.True(result.Metrics[^1].TrainLoss < 0.8 * result.Metrics[0].TrainLoss,
            $"loss went from {result.Metrics[0].TrainLoss} to {result.Metrics[^1].TrainLoss}");
    }

    [Fact]
    public void FastAndExactLeafTrainTheSameModel()
    {
        // The fast algorithm's values and gradients are within 1e-4 of the exact ones, so two epochs stay on the same path.
        var exact = Train(Options("exact") with { Epochs = 2, LeafAlgorithm = LeafAlgorithm.Exact });
        var fast = Train(Options("fast") with { Epochs = 2, LeafAlgorithm = LeafAlgorithm.Fast });
        for (int e = 0; e < 2; e++)
        {
            Assert.Equal(exact.Metrics[e].TrainLoss, fast.Metrics[e].TrainLoss, 1e-3);
            Assert.Equal(exact.Metrics[e].ValidAccuracy, fast.Metrics[e].ValidAccuracy);
        }
        double difference = MaxWeightDifference(Dir("exact"), Dir("fast"));
        Assert.True(difference < 1e-3, $"weights differ by {difference:E2}");
    }

    [Fact]
    public void TrainingTakesTheFastLeafWhereItsGeometryAllows()
    {
        Assert.Equal(LeafAlgorithm.Fast, Options("auto").EffectiveLeafAlgorithm);
        // A 25 ms window over a 5 ms stride is longer than the fast algorithm's blocks allow.
        Assert.Equal(LeafAlgorithm.Exact, (Options("auto") with { Frontend = new FrontendDescription { StrideMs = 5 } }).EffectiveLeafAlgorithm);
        Assert.Equal(LeafAlgorithm.Exact, (Options("chosen") with { LeafAlgorithm = LeafAlgorithm.Exact }).EffectiveLeafAlgorithm);
    }

    [Fact]
    public void ResumingAfterAnEpochGivesTheUninterruptedRun()
    {
        var whole = Train(Options("whole") with { Epochs = 2 });
        Train(Options("parts") with { Epochs = 1 });
        Directory.CreateDirectory(Dir("epoch1"));
        File.Copy(Path.Combine(Dir("parts"), RunFolder.LastCheckpoint), Path.Combine(Dir("epoch1"), RunFolder.LastCheckpoint));
        var resumed = Train(Options("parts") with { Epochs = 2, Resume = true });

        Assert.Equal(whole.State.Step, resumed.State.Step);
        Assert.Equal(2, resumed.Metrics.Count);
        for (int e = 0; e < 2; e++)
        {
            Assert.Equal(whole.Metrics[e].Step, resumed.Metrics[e].Step);
            Assert.Equal(whole.Metrics[e].TrainLoss, resumed.Metrics[e].TrainLoss, 5);   // same seed → same metrics
            Assert.Equal(whole.Metrics[e].ValidAccuracy, resumed.Metrics[e].ValidAccuracy);
        }
        Assert.True(MaxWeightDifference(Dir("whole"), Dir("parts")) < 1e-5);
        Assert.True(MaxWeightDifference(Dir("whole"), Dir("epoch1")) > 1e-4);   // the comparison can tell epochs apart
    }

    [Fact]
    public void BadFilesAreReportedAndEveryOutputIsWritten()
    {
        _files.Text("low/broken.wav", "not a wav file");
        var dataset = Load();
        var skipped = Assert.Single(dataset.Skipped);
        Assert.EndsWith("broken.wav", skipped.Path);
        Assert.False(string.IsNullOrWhiteSpace(skipped.Reason));

        var result = new Trainer(dataset, Options("outputs") with { Epochs = 1 }).Run();
        string dir = Dir("outputs");
        foreach (var name in new[] { RunFolder.LastCheckpoint, RunFolder.BestCheckpoint, RunFolder.MetricsFile, RunFolder.FrontendFile, RunFolder.ReportFile })
            Assert.True(File.Exists(Path.Combine(dir, name)), $"{name} is missing");
        Assert.DoesNotContain(Directory.GetFiles(dir), AtomicFile.IsTemporary);
        Assert.Equal(2, File.ReadAllLines(Path.Combine(dir, RunFolder.MetricsFile)).Length);
        Assert.Equal(FrontendKind.Leaf, FrontendDescription.Load(Path.Combine(dir, RunFolder.FrontendFile)).Kind);
        Assert.Equal(dataset.IndicesOf(DatasetSplit.Test).Count, result.Report.Tasks[0].Confusion.Sum(row => row.Sum()));
        Assert.Contains("\"test_accuracy\"", File.ReadAllText(Path.Combine(dir, RunFolder.ReportFile)));
    }

    [Fact]
    public void ResumingWithAnotherSeedIsRefused()
    {
        Train(Options("seed") with { Epochs = 1 });
        var e = Assert.Throws<ArgumentException>(() => Train(Options("seed") with { Epochs = 2, Seed = 8, Resume = true }));
        Assert.Contains("seed 7", e.Message);
    }

    private TrainingResult Train(TrainerOptions options) => new Trainer(Load(), options).Run();

    private AudioDataset Load() => AudioDataset.Load(_files.Root, new DatasetOptions { Seed = 3, Fractions = new SplitFractions(0.5, 0.25, 0.25) });

    private TrainerOptions Options(string name) => new()
    {
        OutputDirectory = Dir(name), BatchSize = 4, Seed = 7, Clip = new ClipOptions { Length = Samples },
    };

    private string Dir(string name) => Path.Combine(_files.Root, "runs", name);

    // The largest weight difference between the last checkpoints of two runs of the same model (run a's frontend.json says which).
    internal static double MaxWeightDifference(string a, string b)
    {
        using var scope = NewDisposeScope();
        var labels = new[] { "high", "low" };
        var frontend = FrontendDescription.Load(Path.Combine(a, RunFolder.FrontendFile));
        using var first = ClassifierFactory.Create(frontend, ClassifierOptions.SingleTask(labels));
        using var second = ClassifierFactory.Create(frontend, ClassifierOptions.SingleTask(labels));
        Checkpoint.LoadWeights(Path.Combine(a, RunFolder.LastCheckpoint), first);
        Checkpoint.LoadWeights(Path.Combine(b, RunFolder.LastCheckpoint), second);
        return first.state_dict().Zip(second.state_dict())
            .Select(p => p.First.Value.to_type(ScalarType.Float64).sub(p.Second.Value.to_type(ScalarType.Float64)).abs().max().item<double>()).Max();
    }

    internal static float[] Tone(double hz, int phase) =>
        [.. Enumerable.Range(0, Samples).Select(n => (float)(0.4 * Math.Sin(2 * Math.PI * hz * n / 16000 + phase)))];
}
