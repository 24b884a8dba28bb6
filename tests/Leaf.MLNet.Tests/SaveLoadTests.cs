using Leaf.Frontends;
using Microsoft.ML.Data;
using System.Diagnostics;
using Microsoft.ML;

namespace Leaf.MLNet.Tests;

/// <summary>A fitted LoadAudio → LeafFeaturize pipeline saved to a zip and reloaded in a fresh process gives identical output.</summary>
public sealed class SaveLoadTests
{
    [Theory]
    [InlineData(AudioErrorPolicy.Throw, FeatureLayout.MeanStd, LeafAlgorithm.Exact, ClipLength.OneSecond)]
    [InlineData(AudioErrorPolicy.Skip, FeatureLayout.Frames, LeafAlgorithm.Exact, ClipLength.OneSecond)]
    [InlineData(AudioErrorPolicy.Throw, FeatureLayout.Frames, LeafAlgorithm.Fast, ClipLength.OneSecond)] // the zip keeps the fast graph (not re-exported exact)
    [InlineData(AudioErrorPolicy.Skip, FeatureLayout.Frames, LeafAlgorithm.Exact, ClipLength.Full)] // the segmented model, variable-length output
    [InlineData(AudioErrorPolicy.Throw, FeatureLayout.MeanStd, LeafAlgorithm.Fast, ClipLength.Full)]
    public void AFreshProcessReproducesTheOutputExactly(AudioErrorPolicy policy, FeatureLayout layout, LeafAlgorithm algorithm, ClipLength length)
    {
        using var temp = new TempAudio();
        string[] files = [temp.Tone("a", 440, 0.7, noise: 0.05, seed: 1), temp.Tone("b", 2000, 1.3, sampleRate: 44100, noise: 0.05, seed: 2)];
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(files.Select(p => new PathRow { Path = p }));
        var model = ml.Transforms.LoadAudio("Waveform", "Path", new LoadAudioOptions { OnError = policy, Length = length })
            .Append(ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { Layout = layout, LeafAlgorithm = algorithm, SegmentSamples = 12_000 }))
            .Fit(data);
        float[] expected = FeatureColumns.Read(model.Transform(data), "Features").SelectMany(r => r).ToArray();
        string zip = Path.Combine(temp.Folder, "model.zip"), list = Path.Combine(temp.Folder, "paths.txt"), output = Path.Combine(temp.Folder, "out.f32");
        ml.Model.Save(model, data.Schema, zip);
        model.Dispose();
        File.WriteAllLines(list, files);

        var (exitCode, log) = RunLoadCheck(zip, list, "Features", output);
        Assert.True(exitCode == 0, log);
        Assert.Equal(expected, FeatureColumns.ReadRaw(output));
    }

    [Theory]
    [InlineData(ClipLength.OneSecond)]
    [InlineData(ClipLength.Full)] // the windowed model
    public void AClassifierPipelineReloadsInAFreshProcessWithIdenticalPredictions(ClipLength length)
    {
        using var temp = new TempAudio();
        string onnx = TinyClassifier.Write(Path.Combine(temp.Folder, "model.onnx"));
        string[] files = [.. ClassifierTests.Files(temp), temp.Tone("long", 440, 3.5, noise: 0.2, seed: 5)];
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(files.Select(p => new PathRow { Path = p }));
        var model = ClassifierTests.Pipeline(ml, onnx, length == ClipLength.Full ? ClassifierTests.FullLength : null).Fit(data);
        var transformed = model.Transform(data);
        float[] scores = FeatureColumns.Read(transformed, "Score").SelectMany(r => r).ToArray();
        string[] labels = transformed.GetColumn<string>("PredictedLabel").ToArray();
        string zip = Path.Combine(temp.Folder, "model.zip"), list = Path.Combine(temp.Folder, "paths.txt");
        ml.Model.Save(model, data.Schema, zip);
        model.Dispose();
        File.Delete(onnx); // the zip must carry the ONNX bytes
        File.WriteAllLines(list, files);

        string scoreFile = Path.Combine(temp.Folder, "scores.f32"), labelFile = Path.Combine(temp.Folder, "labels.txt");
        var (exitCode, log) = RunLoadCheck(zip, list, "Score", scoreFile);
        Assert.True(exitCode == 0, log);
        Assert.Equal(scores, FeatureColumns.ReadRaw(scoreFile));
        (exitCode, log) = RunLoadCheck(zip, list, "PredictedLabel", labelFile);
        Assert.True(exitCode == 0, log);
        Assert.Equal(labels, File.ReadAllLines(labelFile));
    }

    internal static (int ExitCode, string Log) RunLoadCheck(params string[] args)
    {
        // The host running these tests when it is dotnet itself (a CI image may not have it on PATH).
        string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(LoadCheckProgram).Assembly.Location);
        start.ArgumentList.Add("load-check");
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) process.Kill();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
