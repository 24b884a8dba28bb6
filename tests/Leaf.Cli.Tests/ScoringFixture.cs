using Leaf.Audio;
using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Onnx.Classifiers;
using Leaf.Training.Classifiers;
using static TorchSharp.torch;

namespace Leaf.Cli.Tests;

/// <summary>
/// A classifier exported from random weights (mel frontend, compact CNN, labels low/mid/high, 0.5 s clips) and tiny
/// synthesised WAVs of several lengths: <see cref="Audio"/> (12 files in two folders) and a labelled dataset
/// <see cref="Data"/> (low/mid/high, 3 files each).
/// </summary>
public sealed class ScoringFixture : IDisposable
{
    public const int ClipSamples = 8000;
    public static readonly string[] Labels = ["low", "mid", "high"];

    public ScoringFixture()
    {
        manual_seed(5);
        using var model = ClassifierFactory.Create(FrontendDescription.Default(FrontendKind.Mel), ClassifierOptions.SingleTask(Labels));
        model.eval();
        Description = model.ToDescription();
        ClassifierExporter.ExportToFile(Description, Model, new ClassifierExportOptions { ClipSamples = ClipSamples });
        int[] lengths = [3000, 8000, 12000, 20000, 16000, 5000];
        for (int i = 0; i < 12; i++)
            Tone(Path.Combine(Audio, i % 2 == 0 ? "a" : "b/c", $"clip{i:D2}.wav"), 200 + 450 * i, lengths[i % lengths.Length]);
        for (int c = 0; c < Labels.Length; c++)
            for (int i = 0; i < 3; i++)
                Tone(Path.Combine(Data, Labels[c], $"{i}.wav"), (300 + 50 * i) * Math.Pow(4, c), 6000 + 3000 * i);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"leaf-score-{Guid.NewGuid():N}");

    public string Model => Path.Combine(Root, "model.onnx");

    public string Audio => Path.Combine(Root, "audio");

    public string Data => Path.Combine(Root, "data");

    public ClassifierDescription Description { get; }

    /// <summary>A fresh folder for one test's outputs.</summary>
    public string NewFolder()
    {
        string dir = Path.Combine(Root, "out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void Tone(string path, double hz, int samples)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.Write(path, [.. Enumerable.Range(0, samples).Select(n => (float)(0.3 * Math.Sin(2 * Math.PI * hz * n / 16000) + 0.05 * Math.Sin(n * 0.37)))], 16000);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

/// <summary>Run alone: <c>leaf score</c> shows a Spectre.Console progress display, and Spectre allows one at a time per process (so does <c>leaf train</c>).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScoringCollection : ICollectionFixture<ScoringFixture>
{
    public const string Name = "scoring";
}
