using Microsoft.ML;

namespace Leaf.MLNet.Tests;

/// <summary>
/// A multi-pass trainer over an uncached LoadAudio → LeafFeaturize re-decodes and re-featurizes every file on every
/// pass; <see cref="LeafWarnings"/> then gets one warning naming the remedy, and a cached pipeline gets none.
/// </summary>
public sealed class RepeatedDecodingWarningTests
{
    private static string Train(bool cache, out string folder)
    {
        var temp = new TempAudio();
        folder = temp.Folder;
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 12).Select(i => new PathRow { Path = temp.Tone($"t{i}", i % 2 == 0 ? 300 : 3000, 0.5, seed: i), Label = i % 2 == 0 ? "low" : "high" });
        var features = ml.Transforms.LoadAudio("Waveform", "Path")
            .Append(ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { Layout = FeatureLayout.Mean }));
        var labelled = (cache ? features.AppendCacheCheckpoint(ml) : features).Append(ml.Transforms.Conversion.MapValueToKey("Label"));
        var pipeline = labelled.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 4));
        var previous = LeafWarnings.Output;
        var warnings = new StringWriter();
        LeafWarnings.Output = warnings;
        try
        {
            using var model = pipeline.Fit(ml.Data.LoadFromEnumerable(rows.ToArray()));
        }
        finally
        {
            LeafWarnings.Output = previous;
            temp.Dispose();
        }
        return warnings.ToString();
    }

    [Fact]
    public void SdcaOverUncachedAudioWarnsOnceWithTheRemedy()
    {
        string warnings = Train(cache: false, out string folder);
        var lines = warnings.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(folder, StringComparison.Ordinal)).ToArray();
        string line = Assert.Single(lines);
        Assert.Contains("decoded the same 8 files 3 times each", line);
        Assert.Contains(".AppendCacheCheckpoint(mlContext) after LeafFeaturize", line);
    }

    [Fact]
    public void ACachedPipelineDoesNotWarn() =>
        Assert.DoesNotContain(Train(cache: true, out string folder).Split('\n'), l => l.Contains(folder, StringComparison.Ordinal));

    [Fact]
    public void APredictionEngineAskedAboutOneFileAgainAndAgainDoesNotWarn()
    {
        using var temp = new TempAudio();
        var ml = new MLContext(seed: 1);
        string tone = temp.Tone("one", 440, 1);
        var data = ml.Data.LoadFromEnumerable([new PathRow { Path = tone }]);
        using var model = ml.Transforms.LoadAudio("Waveform", "Path").Fit(data);
        var previous = LeafWarnings.Output;
        var warnings = new StringWriter();
        LeafWarnings.Output = warnings;
        try
        {
            using var engine = ml.Model.CreatePredictionEngine<PathRow, WaveformRow>(model);
            for (int i = 0; i < 20; i++) Assert.Equal(16000, engine.Predict(new PathRow { Path = tone }).Waveform.Length);
        }
        finally
        {
            LeafWarnings.Output = previous;
        }
        Assert.DoesNotContain(tone, warnings.ToString());
    }
}
