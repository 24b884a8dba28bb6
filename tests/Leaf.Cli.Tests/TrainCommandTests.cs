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

    private void Tone(string relative, double hz)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.Write(path, [.. Enumerable.Range(0, 8000).Select(n => (float)(0.4 * Math.Sin(2 * Math.PI * hz * n / 16000)))], 16000);
    }
}
