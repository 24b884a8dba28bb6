using Leaf.Audio;

namespace Leaf.Cli.Tests;

[Collection(LiveConsoleCollection.Name)]
public sealed class DemoAndPlotCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"leaf-demo-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void DemoRunsEndToEndAtATinyBudgetAndReusesItsData()
    {
        var (code, output) = CliBasicsTests.RunJoined("demo", "--out", _dir, "--per-class", "4", "--epochs", "1", "--minutes", "0.05", "--seed", "1");

        Assert.True(code == 0, output);
        foreach (string run in new[] { "leaf", "mel" })
            foreach (string name in new[] { "model.onnx", "frontend.onnx", "report.json", "metrics.csv", "plots/curves.png" })
                Assert.True(File.Exists(Path.Combine(_dir, run, name)), $"{run}/{name} is missing\n{output}");
        Assert.True(File.Exists(Path.Combine(_dir, "leaf", "plots", "filters.png")));
        Assert.Contains("test accuracy", output);     // the comparison table
        Assert.Contains("frontend params", output);
        Assert.True(File.Exists(Path.Combine(_dir, "mlnet", "model.zip")), output);   // the LEAF model wrapped for ML.NET
        Assert.Contains("ApplyLeafClassifier", output);
        Assert.Matches(@"\.wav: (yes|no|up|down|left|right|on|off|stop|go) \(\d", output);   // a scored file: top label and probability

        var (again, secondOutput) = CliBasicsTests.RunJoined("demo", "--out", _dir, "--per-class", "4", "--epochs", "1", "--minutes", "0.05", "--seed", "1");
        Assert.Equal(0, again);
        Assert.Contains("(0 written, 40 reused)", secondOutput);
    }

    [Fact]
    public void MultiTaskTrainingThenPlotsOfTheRunAndOfAFilesFeatures()
    {
        for (int i = 0; i < 4; i++)
        {
            Tone($"pitch/low/{i}.wav", 400 + 10 * i);
            Tone($"pitch/high/{i}.wav", 2500 + 50 * i);
            Tone($"other/a/{i}.wav", 700 + 10 * i);
            Tone($"other/b/{i}.wav", 5000 + 10 * i);
        }
        string outDir = Path.Combine(_dir, "run");
        var (code, output) = CliBasicsTests.RunJoined("train", "--data", $"pitch={Path.Combine(_dir, "pitch")}", "--data", $"other={Path.Combine(_dir, "other")}",
            "--out", outDir, "--frontend", "mel", "--epochs", "1", "--batch", "4", "--clip-seconds", "0.5");
        Assert.True(code == 0, output);
        Assert.Contains("task pitch: test accuracy", output);
        Assert.Contains("task other: test accuracy", output);
        foreach (string name in new[] { "plots/curves.png", "plots/confusion-pitch.png", "plots/confusion-other.png" })
            Assert.True(File.Exists(Path.Combine(outDir, name)), $"{name} is missing");
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDir, "tensorboard"), "events.out.tfevents.*"));

        File.Delete(Path.Combine(outDir, "plots", "curves.png"));
        var (plotCode, plotOutput) = CliBasicsTests.RunJoined("plot", "--run", outDir);
        Assert.True(plotCode == 0, plotOutput);
        Assert.True(File.Exists(Path.Combine(outDir, "plots", "curves.png")));

        string png = Path.Combine(_dir, "features.png");
        var (featuresCode, featuresOutput) = CliBasicsTests.RunJoined("plot", "--features", Path.Combine(_dir, "pitch", "low", "0.wav"), "--out", png);
        Assert.True(featuresCode == 0, featuresOutput);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);

        var (badCode, badOutput) = CliBasicsTests.RunJoined("plot", "--features", Path.Combine(_dir, "pitch", "low", "0.wav"));
        Assert.NotEqual(0, badCode);
        Assert.Contains("--out", badOutput);
    }

    private void Tone(string relative, double hz)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.Write(path, [.. Enumerable.Range(0, 8000).Select(n => (float)(0.4 * Math.Sin(2 * Math.PI * hz * n / 16000)))], 16000);
    }
}
