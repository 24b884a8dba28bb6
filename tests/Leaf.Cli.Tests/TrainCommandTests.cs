using Leaf.Audio;

namespace Leaf.Cli.Tests;

[Collection(LiveConsoleCollection.Name)]
public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"leaf-train-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void TrainsReportsTheDataAndWritesEveryOutput()
    {
        for (int i = 0; i < 6; i++)
        {
            Tone($"data/low/{i}.wav", 400 + 10 * i);
            Tone($"data/high/{i}.wav", 2500 + 50 * i);
        }
        File.WriteAllText(Path.Combine(_dir, "data/low/broken.wav"), "not audio");
        string outDir = Path.Combine(_dir, "run");

        var (code, output) = CliBasicsTests.RunJoined("train", "--data", Path.Combine(_dir, "data"), "--out", outDir, "--frontend", "mel",
            "--epochs", "2", "--batch", "4", "--clip-seconds", "0.5", "--seed", "3");

        Assert.True(code == 0, output);
        Assert.Contains("broken.wav", output);              // the skipped file is named, and training went on
        Assert.Contains("epoch 2: step", output);
        Assert.Contains("test accuracy", output);
        foreach (var name in new[] { "last.ckpt", "best.ckpt", "metrics.csv", "frontend.json", "report.json", "frontend.onnx", "model.onnx", "classifier.json" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), $"{name} is missing");
        Assert.Equal(3, File.ReadAllLines(Path.Combine(outDir, "metrics.csv")).Length);

        // leaf export --classifier regenerates the trained model from its runtime-free description
        string again = Path.Combine(outDir, "again.onnx");
        var (exportCode, exportOutput) = CliBasicsTests.RunJoined("export", "--classifier", Path.Combine(outDir, "classifier.json"), "--clip-samples", "8000", "--out", again);
        Assert.True(exportCode == 0, exportOutput);
        Assert.Equal(File.ReadAllBytes(Path.Combine(outDir, "model.onnx")), File.ReadAllBytes(again));
    }

    [Theory]
    [InlineData(new string[0], "LEAF algorithm: fast (auto)")]
    [InlineData(new[] { "--algorithm", "exact" }, "LEAF algorithm: exact")]
    public void ALeafRunSaysWhichAlgorithmItTrainsWith(string[] algorithm, string line)
    {
        for (int i = 0; i < 4; i++)
        {
            Tone($"data/low/{i}.wav", 400 + 10 * i);
            Tone($"data/high/{i}.wav", 2500 + 50 * i);
        }
        var (code, output) = CliBasicsTests.RunJoined(["train", "--data", Path.Combine(_dir, "data"), "--out", Path.Combine(_dir, "run"),
            "--epochs", "1", "--batch", "4", "--clip-seconds", "0.5", "--seed", "3", .. algorithm]);
        Assert.True(code == 0, output);
        Assert.Contains(line + Environment.NewLine, output);
    }

    [Fact]
    public void TrainingStartsFromAFrontendDescriptionWithItsConfigurationAndParameters()
    {
        for (int i = 0; i < 4; i++)
        {
            Tone($"data/low/{i}.wav", 400 + 10 * i);
            Tone($"data/high/{i}.wav", 2500 + 50 * i);
        }
        // A configured LEAF (24 filters, 30 ms window, log compression) with learned-looking values: every centre moved.
        var configured = new Leaf.Frontends.FrontendDescription { FilterCount = 24, WindowMs = 30, Compression = Leaf.Frontends.CompressionKind.Log }.WithInitialParameters();
        var centres = configured.Values(Leaf.Frontends.ParameterNames.GaborCenter).Select(c => c * 0.9f).ToArray();
        configured = configured with { Parameters = new(configured.Parameters) { [Leaf.Frontends.ParameterNames.GaborCenter] = Leaf.Frontends.ParameterTensor.Vector(centres) } };
        string start = Path.Combine(_dir, "start.json");
        configured.Save(start);

        string outDir = Path.Combine(_dir, "run");
        var (code, output) = CliBasicsTests.RunJoined("train", "--data", Path.Combine(_dir, "data"), "--out", outDir, "--frontend", start,
            "--frontend-lr", "0", "--epochs", "1", "--batch", "4", "--clip-seconds", "0.5", "--seed", "3");
        Assert.True(code == 0, output);
        // At a frontend learning rate of 0 the run's frontend is the one it started from: configuration and parameters.
        var trained = Leaf.Frontends.FrontendDescription.Load(Path.Combine(outDir, "frontend.json"));
        Assert.Equal(configured with { Parameters = trained.Parameters }, trained);
        Assert.Equal(centres, trained.Values(Leaf.Frontends.ParameterNames.GaborCenter));
        Assert.Equal(configured.Values(Leaf.Frontends.ParameterNames.GaborWidth), trained.Values(Leaf.Frontends.ParameterNames.GaborWidth));

        var (badCode, badOutput) = CliBasicsTests.RunJoined("train", "--data", Path.Combine(_dir, "data"), "--out", outDir, "--frontend", Path.Combine(_dir, "missing.json"));
        Assert.NotEqual(0, badCode);
        Assert.Contains("missing.json", badOutput);
    }

    [Fact]
    public void BenchAccuracyTrainsEveryFrontendOnEveryTaskAndReusesFinishedRuns()
    {
        foreach (var task in new[] { "tones", "pairs" })
            foreach (var split in new[] { "train", "test" })
                for (int i = 0; i < 4; i++)
                {
                    Tone($"bench/{task}/{split}/low/{i}.wav", 300 + 40 * i + (split == "test" ? 15 : 0));
                    Tone($"bench/{task}/{split}/high/{i}.wav", task == "tones" ? 3000 + 90 * i : 1500 + 30 * i);
                }
        Directory.CreateDirectory(Path.Combine(_dir, "bench", "notes"));   // no train/test: not a task
        string outDir = Path.Combine(_dir, "results");
        string[] args = ["bench", "accuracy", "--root", Path.Combine(_dir, "bench"), "--frontends", "leaf,mel", "--seeds", "0,3", "--out", outDir,
            "--epochs", "1", "--batch", "4", "--clip-seconds", "0.5"];

        var (code, output) = CliBasicsTests.RunJoined(args);
        Assert.True(code == 0, output);
        string[] rows = File.ReadAllLines(Path.Combine(outDir, "results.csv"));
        Assert.Equal("task,frontend,seed,test_accuracy,epochs,train_clips_per_second,seconds", rows[0]);
        Assert.Equal(["pairs,leaf,0", "pairs,leaf,3", "pairs,mel,0", "pairs,mel,3", "tones,leaf,0", "tones,leaf,3", "tones,mel,0", "tones,mel,3"],
            rows[1..].Select(r => string.Join(',', r.Split(',')[..3])));
        foreach (var row in rows[1..])
        {
            double accuracy = double.Parse(row.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(accuracy, 0, 1);
            var (task, frontend) = (row.Split(',')[0], row.Split(',')[1]);
            var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, task, frontend, $"seed{row.Split(',')[2]}", "report.json")));
            Assert.Equal(accuracy, report.RootElement.GetProperty("test_accuracy").GetDouble(), 4);
        }
        Assert.Contains("| mean |", File.ReadAllText(Path.Combine(outDir, "results.md")));
        Assert.Contains("test accuracy on unseen", output);

        // A second run trains nothing: every report is there, so the same table comes back without training.
        var (again, againOutput) = CliBasicsTests.RunJoined(args);
        Assert.True(again == 0, againOutput);
        Assert.DoesNotContain("epoch 1/1", againOutput);
        Assert.Equal(rows, File.ReadAllLines(Path.Combine(outDir, "results.csv")));

        var (bad, badOutput) = CliBasicsTests.RunJoined([.. args.Select(a => a == "0,3" ? "0,x" : a)]);
        Assert.NotEqual(0, bad);
        Assert.Contains("'x' is not a whole number", badOutput);
    }

    private void Tone(string relative, double hz)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.Write(path, [.. Enumerable.Range(0, 8000).Select(n => (float)(0.4 * Math.Sin(2 * Math.PI * hz * n / 16000)))], 16000);
    }
}
