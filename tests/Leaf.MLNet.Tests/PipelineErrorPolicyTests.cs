using Leaf.Frontends;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.MLNet.Tests;

/// <summary>A corrupt file in the middle of a batch, through whole featurizer and classifier pipelines.</summary>
public sealed class PipelineErrorPolicyTests
{
    public enum PipelineKind { Featurize, Classify }

    private static readonly MLContext Ml = new(seed: 1);

    private static (IEstimator<ITransformer> Pipeline, string Output) Build(PipelineKind kind, string folder, AudioErrorPolicy policy)
    {
        var audio = new LoadAudioOptions { OnError = policy, NormalizeLoudness = true };
        var load = Ml.Transforms.LoadAudio("Waveform", "Path", audio);
        return kind == PipelineKind.Featurize
            ? (load.Append(Ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { Frontend = new FrontendDescription { FilterCount = 8 }, Layout = FeatureLayout.Mean })), "Features")
            : (load.Append(Ml.Transforms.ApplyLeafClassifier("Waveform", TinyClassifier.Write(Path.Combine(folder, "model.onnx")))), "Score");
    }

    private static IDataView Paths(params string[] paths) => Ml.Data.LoadFromEnumerable(paths.Select(p => new PathRow { Path = p }));

    [Theory]
    [InlineData(PipelineKind.Featurize)]
    [InlineData(PipelineKind.Classify)]
    public void ThrowNamesTheCorruptFile(PipelineKind kind)
    {
        using var temp = new TempAudio();
        string bad = temp.Corrupt("broken");
        var data = Paths(temp.Tone("a", 300, 1), bad, temp.Tone("b", 900, 1));
        var (pipeline, output) = Build(kind, temp.Folder, AudioErrorPolicy.Throw);
        using var model = (IDisposable)pipeline.Fit(data);
        var e = Assert.ThrowsAny<Exception>(() => FeatureColumns.Read(((ITransformer)model).Transform(data), output));
        Assert.Contains(bad, Messages(e));
    }

    [Theory]
    [InlineData(PipelineKind.Featurize)]
    [InlineData(PipelineKind.Classify)]
    public void SkipGivesAMarkerRowAndLeavesTheOtherRowsAlone(PipelineKind kind)
    {
        using var temp = new TempAudio();
        string bad = temp.Corrupt("broken");
        string a = temp.Tone("a", 300, 1, noise: 0.1), b = temp.Tone("b", 2500, 0.7, noise: 0.1, seed: 1);
        var (pipeline, output) = Build(kind, temp.Folder, AudioErrorPolicy.Skip);
        var good = Paths(a, b);
        using var model = (IDisposable)pipeline.Fit(good);
        var transformer = (ITransformer)model;

        var batch = transformer.Transform(Paths(a, bad, b));
        float[][] rows = FeatureColumns.Read(batch, output);
        string[] errors = batch.GetColumn<string>(LeafCatalog.DecodeErrorColumnName("Waveform")).ToArray();
        Assert.Equal(["", errors[1], ""], errors);
        Assert.Contains(bad, errors[1]);
        Assert.All(rows[1], v => Assert.True(float.IsFinite(v), $"marker row holds {v}"));
        float[][] alone = FeatureColumns.Read(transformer.Transform(good), output);
        Assert.Equal(alone[0], rows[0]);
        Assert.Equal(alone[1], rows[2]);
    }

    private static string Messages(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Messages(e.InnerException);
}
