using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.LightGbm;
using Xunit.Abstractions;

namespace Leaf.MLNet.Tests;

/// <summary>LoadAudio → LeafFeaturize → NormalizeMinMax → SdcaMaximumEntropy or LightGbm → MapKeyToValue on synthetic tones.</summary>
public sealed class EndToEndTests(ITestOutputHelper output)
{
    private static readonly (string Label, double Hz)[] Classes = [("low", 300), ("mid", 1200), ("high", 4000)];

    private static PathRow[] Tones(TempAudio temp, string split, int perClass, int seed)
    {
        var random = new Random(seed);
        return Classes.SelectMany(c => Enumerable.Range(0, perClass).Select(i => new PathRow
        {
            Label = c.Label,
            // Pitch ±8 %, level, phase, noise and length (crop or pad) vary within a class.
            Path = temp.Tone($"{split}_{c.Label}_{i}", c.Hz * (0.92 + 0.16 * random.NextDouble()), 0.6 + 0.8 * random.NextDouble(),
                amplitude: 0.1 + 0.8 * random.NextDouble(), phase: 6 * random.NextDouble(), noise: 0.02, seed: seed * 100 + i),
        })).ToArray();
    }

    public enum Trainer { Sdca, LightGbm }

    [Theory]
    [InlineData(Trainer.Sdca, FeatureLayout.Mean, 10)]
    [InlineData(Trainer.LightGbm, FeatureLayout.Mean, 30)] // trees split on single channels: they need more examples of the pitch spread
    public void ATrainerOnPooledLeafFeaturesClassifiesHeldOutTones(Trainer trainer, FeatureLayout layout, int trainingFilesPerClass)
    {
        using var temp = new TempAudio();
        var ml = new MLContext(seed: 1);
        var train = ml.Data.LoadFromEnumerable(Tones(temp, "train", trainingFilesPerClass, seed: 1));
        PathRow[] test = Tones(temp, "test", 10, seed: 2);

        var pipeline = ml.Transforms.LoadAudio("Waveform", "Path")
            .Append(ml.Transforms.LeafFeaturize("Leaf", "Waveform", new LeafFeaturizeOptions { Layout = layout }))
            .Append(ml.Transforms.Concatenate("Features", "Leaf"))
            .AppendCacheCheckpoint(ml) // the trainer makes many passes: decode and featurize once
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append<ITransformer>(trainer == Trainer.Sdca
                ? ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(maximumNumberOfIterations: 200)
                : ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options { MinimumExampleCountPerLeaf = 2, NumberOfIterations = 100, LearningRate = 0.2, Seed = 1, NumberOfThreads = 1 }))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
        using var model = pipeline.Fit(train);

        string[] batch = model.Transform(ml.Data.LoadFromEnumerable(test)).GetColumn<string>("PredictedLabel").ToArray();
        double accuracy = batch.Zip(test).Average(p => p.First == p.Second.Label ? 1.0 : 0.0);
        output.WriteLine($"{trainer} on {layout}: held-out accuracy {accuracy:P1} on {test.Length} files; wrong: {string.Join(", ", batch.Zip(test).Where(p => p.First != p.Second.Label).Select(p => $"{Path.GetFileName(p.Second.Path)} → {p.First}"))}");
        Assert.True(accuracy > 0.9, $"held-out accuracy {accuracy:P0}: {string.Join(", ", batch.Zip(test).Where(p => p.First != p.Second.Label).Select(p => $"{Path.GetFileName(p.Second.Path)} → {p.First}"))}");

        using var engine = ml.Model.CreatePredictionEngine<PathRow, LabelPrediction>(model);
        Assert.Equal(batch, test.Select(row => engine.Predict(row).PredictedLabel));
    }
}
