using Leaf.Audio;
using Leaf.Datasets;
using Leaf.Frontends;
using Leaf.Tests;
using Leaf.Training.Classifiers;
using Leaf.Training.Fitting;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

[Collection(TorchRngCollection.Name)]
public sealed class MultiTaskTrainerTests : IDisposable
{
    private const int Samples = 4000;   // 0.25 s clips keep these runs fast
    private readonly DataTestFiles _files = new();

    public MultiTaskTrainerTests()
    {
        // Task "pitch": low vs high tones; task "shape": tones vs noise bursts (different label sets and sizes).
        for (int i = 0; i < 8; i++)
        {
            _files.Wav($"pitch/low/{i}.wav", Tone(300 + 20 * i, i));
            _files.Wav($"pitch/high/{i}.wav", Tone(3000 + 100 * i, i));
        }
        for (int i = 0; i < 6; i++)
        {
            _files.Wav($"shape/tone/{i}.wav", Tone(800 + 50 * i, i));
            _files.Wav($"shape/noise/{i}.wav", Noise(i));
        }
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void LossDecreasesAndEveryTaskHasItsOwnFigures()
    {
        var result = Train(Options("loss") with { Epochs = 6 });

        Assert.True(result.Metrics[^1].TrainLoss < 0.8 * result.Metrics[0].TrainLoss, $"loss went from {result.Metrics[0].TrainLoss} to {result.Metrics[^1].TrainLoss}");
        Assert.Equal(["pitch", "shape"], result.Metrics[0].Tasks.Select(t => t.Task));
        Assert.Equal(["pitch", "shape"], result.Report.Tasks.Select(t => t.Name));
        Assert.Equal(["high", "low"], result.Report.Tasks[0].Labels);
        Assert.Equal(["noise", "tone"], result.Report.Tasks[1].Labels);
        // The overall figures are the per-task ones combined: loss weighted by crops, accuracy the mean over tasks.
        var last = result.Metrics[^1];
        Assert.InRange(last.TrainLoss, last.Tasks.Min(t => t.TrainLoss) - 1e-9, last.Tasks.Max(t => t.TrainLoss) + 1e-9);
        Assert.Equal(last.Tasks.Average(t => t.ValidAccuracy), last.ValidAccuracy, 12);
        Assert.Equal(result.Report.Tasks.Average(t => t.TestAccuracy), result.Report.TestAccuracy, 12);
        // Every step trains one task's batch: train 6 + 4 files per task (split 0.5) at batch 4 → 2 + 1 steps per epoch.
        Assert.Equal(3 * 6, result.State.Step);
        // One head per task in the exported description, with its task's labels.
        Assert.Equal(["pitch", "shape"], result.Classifier.Tasks.Select(t => t.Name));
        Assert.Equal(2, result.Classifier.Heads[1].Weight.Shape[0]);

        string dir = Dir("loss");
        string header = File.ReadLines(Path.Combine(dir, RunFolder.MetricsFile)).First();
        Assert.EndsWith(",pitch/train_loss,pitch/train_acc,pitch/valid_acc,shape/train_loss,shape/train_acc,shape/valid_acc", header);
        var reread = MetricsLog.Read(Path.Combine(dir, RunFolder.MetricsFile));
        Assert.Equal(result.Metrics.Select(m => m.Tasks[1].TrainLoss), reread.Select(m => m.Tasks[1].TrainLoss), (a, b) => Math.Abs(a - b) < 1e-6);
        string report = File.ReadAllText(Path.Combine(dir, RunFolder.ReportFile));
        Assert.Contains("\"name\": \"shape\"", report);
        Assert.Contains("\"per_class\"", report);
    }

    [Fact]
    public void MultiTaskResumeGivesTheUninterruptedRun()
    {
        var whole = Train(Options("whole") with { Epochs = 2 });
        Train(Options("parts") with { Epochs = 1 });
        var resumed = Train(Options("parts") with { Epochs = 2, Resume = true });

        Assert.Equal(whole.State.Step, resumed.State.Step);
        for (int e = 0; e < 2; e++)
            for (int t = 0; t < 2; t++)
            {
                Assert.Equal(whole.Metrics[e].Tasks[t].TrainLoss, resumed.Metrics[e].Tasks[t].TrainLoss, 5);
                Assert.Equal(whole.Metrics[e].Tasks[t].ValidAccuracy, resumed.Metrics[e].Tasks[t].ValidAccuracy);
            }
        using var scope = NewDisposeScope();
        using var first = Load(Dir("whole"));
        using var second = Load(Dir("parts"));
        double difference = first.state_dict().Zip(second.state_dict())
            .Select(p => p.First.Value.to_type(ScalarType.Float64).sub(p.Second.Value.to_type(ScalarType.Float64)).abs().max().item<double>()).Max();
        Assert.True(difference < 1e-5, $"weights differ by {difference}");
    }

    [Fact]
    public void TensorBoardEventsHoldEachEpochsScalars()
    {
        Train(Options("events") with { Epochs = 2 });
        string file = Assert.Single(Directory.GetFiles(Path.Combine(Dir("events"), RunFolder.TensorBoardFolder)));
        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(file));
        var records = TfRecords(File.ReadAllBytes(file));
        // A version record, then per epoch: 5 overall scalars + 3 per task for each of the 2 tasks.
        Assert.Equal(1 + 2 * (5 + 3 * 2), records.Count);
        string text = System.Text.Encoding.ASCII.GetString([.. records.SelectMany(r => r)]);
        foreach (string tag in new[] { "loss/train", "accuracy/valid", "lr/frontend", "accuracy/valid/shape", "loss/train/pitch" }) Assert.Contains(tag, text);
    }

    [Fact]
    public void RepeatedTaskNamesAreRefused()
    {
        var dataset = AudioDataset.Load(_files.PathOf("pitch"));
        var e = Assert.Throws<ArgumentException>(() => new Trainer([new NamedDataset("a", dataset), new NamedDataset("a", dataset)], Options("same")));
        Assert.Contains("'a'", e.Message);
    }

    private TrainingResult Train(TrainerOptions options)
    {
        var datasets = new DatasetOptions { Seed = 3, Fractions = new SplitFractions(0.5, 0.25, 0.25) };
        return new Trainer(NamedDataset.LoadAll([$"pitch={_files.PathOf("pitch")}", $"shape={_files.PathOf("shape")}"], datasets), options).Run();
    }

    private TrainerOptions Options(string name) => new()
    {
        OutputDirectory = Dir(name), BatchSize = 4, Seed = 5, Clip = new ClipOptions { Length = Samples },
        Frontend = FrontendDescription.Default(FrontendKind.Mel),
    };

    private string Dir(string name) => Path.Combine(_files.Root, "runs", name);

    private static AudioClassifier Load(string dir)
    {
        var model = ClassifierFactory.Create(FrontendDescription.Default(FrontendKind.Mel), new ClassifierOptions
        {
            Tasks = [new("pitch", ["high", "low"]), new("shape", ["noise", "tone"])],
        });
        Checkpoint.LoadWeights(Path.Combine(dir, RunFolder.LastCheckpoint), model);
        return model;
    }

    // TFRecord framing: u64 length, u32 masked CRC of the length, the data, u32 masked CRC of the data.
    private static List<byte[]> TfRecords(byte[] bytes)
    {
        var records = new List<byte[]>();
        for (int at = 0; at < bytes.Length;)
        {
            long length = BitConverter.ToInt64(bytes, at);
            Assert.InRange(length, 1, bytes.Length - at - 16);
            records.Add(bytes[(at + 12)..(at + 12 + (int)length)]);
            at += 16 + (int)length;
        }
        return records;
    }

    private static float[] Tone(double hz, int phase) =>
        [.. Enumerable.Range(0, Samples).Select(n => (float)(0.4 * Math.Sin(2 * Math.PI * hz * n / 16000 + phase)))];

    private static float[] Noise(int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, Samples).Select(_ => (float)(0.4 * (random.NextDouble() * 2 - 1)))];
    }
}
