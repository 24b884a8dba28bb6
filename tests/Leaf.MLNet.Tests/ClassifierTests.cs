using Leaf.Audio;
using Leaf.Onnx.Classifiers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.MLNet.Tests;

/// <summary>ApplyLeafClassifier against ONNX Runtime directly, its labels, options and errors.</summary>
public sealed class ClassifierTests
{
    private static readonly MLContext Ml = new(seed: 1);
    private static readonly LoadAudioOptions Loudness = new() { NormalizeLoudness = true };

    /// <summary>Whole files, not normalised: the windowed model normalises each window.</summary>
    public static readonly LoadAudioOptions FullLength = new() { Length = ClipLength.Full };

    public static string[] Files(TempAudio temp) =>
    [
        temp.Tone("a", 300, 0.8, amplitude: 0.05, noise: 0.02, seed: 1),
        temp.Tone("b", 1500, 1.2, sampleRate: 22050, noise: 0.3, seed: 2),
        temp.Tone("c", 5000, 1, amplitude: 0.9, seed: 3),
        temp.Tone("d", 700, 0.3, noise: 0.6, seed: 4),
    ];

    public static EstimatorChain<TransformerChain<ITransformer>> Pipeline(MLContext ml, string model, LoadAudioOptions? audio = null) =>
        ml.Transforms.LoadAudio("Waveform", "Path", audio ?? Loudness).Append(ml.Transforms.ApplyLeafClassifier("Waveform", model));

    [Fact]
    public void ScoresEqualOnnxRuntimeAndLabelsFollowTheMetadata()
    {
        using var temp = new TempAudio();
        string model = TinyClassifier.Write(Path.Combine(temp.Folder, "model.onnx"));
        string[] files = Files(temp);
        var data = Ml.Data.LoadFromEnumerable(files.Select(p => new PathRow { Path = p }));
        using var fitted = Pipeline(Ml, model).Fit(data);
        var output = fitted.Transform(data);

        var clip = new AudioLoadOptions { CropOrPad = new CropOrPadOptions(16000, CropMode.Center), Loudness = LoudnessOptions.Paper };
        float[][] expected = TinyClassifier.Probabilities(model, files.Select(f => AudioFile.Load(f, clip).Samples));
        float[][] scores = FeatureColumns.Read(output, "Score");
        Assert.Equal(expected, scores); // same model, same runtime, batch of one: bit-identical
        string[] predicted = output.GetColumn<string>("PredictedLabel").ToArray();
        Assert.Equal(expected.Select(p => TinyClassifier.Labels[Array.IndexOf(p, p.Max())]), predicted);
        Assert.True(predicted.Distinct().Count() > 1, "random weights should not predict one class for every tone: " + string.Join(",", predicted));
        Assert.Equal(["Path", "Label", "Waveform", "PredictedLabel", "Score"], output.Schema.Select(c => c.Name));
        Assert.Equal(3, ((VectorDataViewType)output.Schema["Score"].Type).Size);
    }

    [Fact]
    public void AFullLengthColumnIsScoredInWindowsAsOnnxClassifierScores()
    {
        using var temp = new TempAudio();
        string model = TinyClassifier.Write(Path.Combine(temp.Folder, "model.onnx"));
        string[] files = [temp.Tone("long", 440, 3.5, noise: 0.2, seed: 5), .. Files(temp)];
        var data = Ml.Data.LoadFromEnumerable(files.Select(p => new PathRow { Path = p }));
        using var fitted = Pipeline(Ml, model, FullLength).Fit(data);
        var output = fitted.Transform(data);
        float[][] scores = FeatureColumns.Read(output, "Score");

        using var classifier = new OnnxClassifier(model);
        var expected = files.Select(f => classifier.Score(AudioFile.Load(f, AudioLoadOptions.Default).Samples)).ToArray();
        Assert.Equal([3, 1, 1, 1, 1], expected.Select(e => e.Windows)); // 3.5 s: the incomplete last window is dropped
        for (int f = 0; f < files.Length; f++)
            for (int c = 0; c < TinyClassifier.Labels.Length; c++)
                Assert.True(Math.Abs(expected[f].Tasks[0].Probabilities[c] - scores[f][c]) <= 1e-6, $"{files[f]}, class {c}: {expected[f].Tasks[0].Probabilities[c]} vs {scores[f][c]}");
        Assert.Equal(expected.Select(e => e.Tasks[0].TopLabel), output.GetColumn<string>("PredictedLabel"));
        var cropped = FeatureColumns.Read(fitted.Transform(Ml.Data.LoadFromEnumerable([new PathRow { Path = files[0] }])), "Score");
        Assert.Equal(scores[0], cropped[0]); // rows are independent

        var broken = Ml.Data.LoadFromEnumerable([new PathRow { Path = temp.Corrupt("broken") }]);
        using var skipping = Pipeline(Ml, model, FullLength with { OnError = AudioErrorPolicy.Skip }).Fit(broken);
        float[] silence = FeatureColumns.Read(skipping.Transform(broken), "Score")[0]; // an empty waveform: one zero window
        Assert.Equal(classifier.Score(new float[1]).Tasks[0].Probabilities, silence, (a, b) => Math.Abs(a - b) <= 1e-6);
    }

    [Fact]
    public void LabelsAreMappedInTheModelsOrder()
    {
        using var temp = new TempAudio();
        string[] files = Files(temp);
        var data = Ml.Data.LoadFromEnumerable(files.Select(p => new PathRow { Path = p }));
        string[] labels = ["z-first", "a-second", "m-third"]; // not alphabetical: a key mapping would reorder them
        string model = TinyClassifier.Write(Path.Combine(temp.Folder, "model.onnx"), labels: labels);
        var estimator = Ml.Transforms.LoadAudio("Waveform", "Path", Loudness)
            .Append(Ml.Transforms.ApplyLeafClassifier("Waveform", model, new ApplyLeafClassifierOptions { ScoreColumnName = "P", PredictedLabelColumnName = "Y" }));
        using var fitted = estimator.Fit(data);
        var output = fitted.Transform(data);
        var scores = FeatureColumns.Read(output, "P");
        Assert.Equal(scores.Select(p => labels[Array.IndexOf(p, p.Max())]), output.GetColumn<string>("Y"));
    }

    [Fact]
    public void AWaveformOfAnotherLengthIsRejectedByName()
    {
        using var temp = new TempAudio();
        string model = TinyClassifier.Write(Path.Combine(temp.Folder, "model.onnx"));
        var data = Ml.Data.LoadFromEnumerable([new PathRow { Path = temp.Tone("a", 300, 1) }]);
        var estimator = Pipeline(Ml, model, new LoadAudioOptions { Length = ClipLength.TwoSeconds });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        Assert.Contains("'Waveform'", e.Message);
        Assert.Contains("16000", e.Message);
    }

    [Fact]
    public void ANonClassifierModelIsRejectedWithItsPath()
    {
        using var temp = new TempAudio();
        string frontend = Path.Combine(temp.Folder, "frontend.onnx");
        Leaf.Onnx.FrontendExporter.ExportToFile(new Leaf.Frontends.FrontendDescription { FilterCount = 8 }, frontend);
        var e = Assert.Throws<FormatException>(() => Ml.Transforms.ApplyLeafClassifier("Waveform", frontend));
        Assert.Contains(frontend, e.Message);
        string windowed = Path.Combine(temp.Folder, "windowed.onnx");
        File.WriteAllBytes(windowed, ClassifierWindowing.Wrap(File.ReadAllBytes(TinyClassifier.Write(Path.Combine(temp.Folder, "model.onnx")))));
        Assert.Contains($"{windowed}: the model is already windowed", Assert.Throws<FormatException>(() => Ml.Transforms.ApplyLeafClassifier("Waveform", windowed)).Message);
        Assert.Contains("not a classifier", e.Message);
        string garbage = Path.Combine(temp.Folder, "garbage.onnx");
        File.WriteAllText(garbage, "not a model");
        Assert.Contains(garbage, Assert.Throws<FormatException>(() => Ml.Transforms.ApplyLeafClassifier("Waveform", garbage)).Message);
    }

    [Fact]
    public void AMultiTaskModelPredictsTheChosenTask()
    {
        using var temp = new TempAudio();
        string model = Path.Combine(temp.Folder, "multi.onnx");
        var birds = new Leaf.Frontends.Classifiers.ClassifierTask("birds", ["none", "bird"]);
        var scenes = new Leaf.Frontends.Classifiers.ClassifierTask("scenes", ["park", "street", "metro", "home"]);
        Leaf.Onnx.Classifiers.ClassifierExporter.ExportToFile(TinyClassifier.Description(3, 8, birds, scenes), model, new() { ClipSamples = 16000 });
        string[] files = Files(temp);
        var data = Ml.Data.LoadFromEnumerable(files.Select(p => new PathRow { Path = p }));

        var e = Assert.Throws<ArgumentException>(() => Ml.Transforms.ApplyLeafClassifier("Waveform", model));
        Assert.Contains("birds, scenes", e.Message);
        var estimator = Ml.Transforms.ApplyLeafClassifier("Waveform", model, new ApplyLeafClassifierOptions { Task = "scenes" });
        Assert.Equal(scenes.Labels, estimator.Labels);
        using var fitted = Ml.Transforms.LoadAudio("Waveform", "Path", Loudness).Append(estimator).Fit(data);
        var output = fitted.Transform(data);

        var clip = new AudioLoadOptions { CropOrPad = new CropOrPadOptions(16000, CropMode.Center), Loudness = LoudnessOptions.Paper };
        float[][] expected = TinyClassifier.Probabilities(model, files.Select(f => AudioFile.Load(f, clip).Samples), "probabilities_scenes");
        Assert.Equal(expected, FeatureColumns.Read(output, "Score"));
        Assert.Equal(expected.Select(p => scenes.Labels[Array.IndexOf(p, p.Max())]), output.GetColumn<string>("PredictedLabel"));
    }

    [Fact]
    public void AGpuOnTheCpuOnlyRuntimeFallsBackOrFailsClearly()
    {
        using var temp = new TempAudio();
        string model = TinyClassifier.Write(Path.Combine(temp.Folder, "model.onnx"));
        var data = Ml.Data.LoadFromEnumerable(Files(temp).Select(p => new PathRow { Path = p }));
        float[][] Scores(ApplyLeafClassifierOptions options)
        {
            using var fitted = Ml.Transforms.LoadAudio("Waveform", "Path", Loudness).Append(Ml.Transforms.ApplyLeafClassifier("Waveform", model, options)).Fit(data);
            return FeatureColumns.Read(fitted.Transform(data), "Score");
        }
        Assert.Equal(Scores(new()), Scores(new ApplyLeafClassifierOptions { GpuDeviceId = 0 }));
        var e = Assert.Throws<NotSupportedException>(() => Ml.Transforms.ApplyLeafClassifier("Waveform", model, new ApplyLeafClassifierOptions { GpuDeviceId = 0, FallbackToCpu = false }));
        Assert.All(Leaf.Tests.Shared.CudaBuild.MessageParts, part => Assert.Contains(part, e.Message));
    }

    [Fact]
    public void AnUnknownTaskIsRejected()
    {
        using var temp = new TempAudio();
        string model = TinyClassifier.Write(Path.Combine(temp.Folder, "model.onnx"));
        var e = Assert.Throws<ArgumentException>(() => Ml.Transforms.ApplyLeafClassifier("Waveform", model, new ApplyLeafClassifierOptions { Task = "birds" }));
        Assert.Contains("'birds'", e.Message);
        Assert.Contains("sound", e.Message);
    }
}
