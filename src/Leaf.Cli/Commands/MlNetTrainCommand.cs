using System.CommandLine;
using Leaf.Cli.MlNet;
using Leaf.Datasets;
using Leaf.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf mlnet train</c> (route b): the paper's default LEAF as a fixed featurizer in front of an ML.NET trainer, no
/// TorchSharp — LoadAudio (1 s, loudness-normalised) → LeafFeaturize (time-pooled) → NormalizeMinMax → trainer →
/// MapKeyToValue. Fits on the train and validation splits, prints accuracy on the test split, writes model.zip and
/// the consumption project.
/// </summary>
internal static class MlNetTrainCommand
{
    private static readonly string[] Trainers = ["sdca", "lightgbm", "fasttree"];
    private static readonly string[] Layouts = ["mean", "meanstd", "max"];

    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Dataset: a folder of <label>/ (or train|valid|test/<label>/) audio files, or a CSV manifest.", Required = true };
        var trainer = new Option<string>("--trainer") { Description = "ML.NET trainer: sdca (SdcaMaximumEntropy), lightgbm, fasttree (one-versus-all).", DefaultValueFactory = _ => "sdca" };
        trainer.AcceptOnlyFromAmong(Trainers);
        var layout = new Option<string>("--layout") { Description = "LEAF features pooled over time: mean, meanstd (mean and std) or max.", DefaultValueFactory = _ => "meanstd" };
        layout.AcceptOnlyFromAmong(Layouts);
        var seed = new Option<int>("--seed") { Description = "Seed of the split and the trainer.", DefaultValueFactory = _ => 0 };
        var outputs = MlNetCommand.OutputOptions.Create();

        var command = new Command("train", "Train an ML.NET classifier on fixed (default) LEAF features; writes model.zip and a consumption project.")
        { data, trainer, layout, seed };
        foreach (var option in outputs.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var project = outputs.CheckedLeafMlNetReference(parse);
            using var outputLock = outputs.Lock(parse);
            int runSeed = parse.GetValue(seed);
            var dataset = AudioDataset.Load(parse.GetValue(data)!, new DatasetOptions { Seed = runSeed });
            o.WriteLine(dataset.Summary().ToString());
            foreach (var skipped in dataset.Skipped) o.WriteLine($"skipped {skipped}");
            ModelInput[] Rows(params DatasetSplit[] splits) => dataset.Items.Where(i => splits.Contains(i.Split))
                .Select(i => new ModelInput { Path = i.Path, Label = dataset.Labels[i.Label] }).ToArray();
            ModelInput[] train = Rows(DatasetSplit.Train, DatasetSplit.Valid), test = Rows(DatasetSplit.Test);
            if (train.Length == 0) throw new ArgumentException($"{dataset.Source}: no training files");

            var ml = new MLContext(seed: runSeed);
            var pipeline = Pipeline(ml, parse.GetValue(trainer)!, Enum.Parse<FeatureLayout>(parse.GetValue(layout)!, ignoreCase: true), runSeed);
            var started = System.Diagnostics.Stopwatch.StartNew();
            using var model = pipeline.Fit(ml.Data.LoadFromEnumerable(train));
            o.WriteLine($"trained {parse.GetValue(trainer)} on {train.Length} files in {started.Elapsed.TotalSeconds:F0} s");
            if (test.Length > 0) Report(o, test, model.Transform(ml.Data.LoadFromEnumerable(test)).GetColumn<string>("PredictedLabel").ToArray(), dataset.Labels);
            else o.WriteLine("no test files: accuracy not measured");
            outputs.Write(parse, ml, model, project);
            return 0;
        });
        return command;
    }

    /// <summary>The route (b) pipeline from <see cref="ModelInput"/> to <c>PredictedLabel</c> and <c>Score</c>.</summary>
    public static EstimatorChain<ColumnSelectingTransformer> Pipeline(MLContext ml, string trainer, FeatureLayout layout, int seed) =>
        ml.Transforms.LoadAudio("Waveform", nameof(ModelInput.Path), new LoadAudioOptions { NormalizeLoudness = true })
            .Append(ml.Transforms.LeafFeaturize("Leaf", "Waveform", new LeafFeaturizeOptions { Layout = layout }))
            .Append(ml.Transforms.Concatenate("Features", "Leaf"))
            .AppendCacheCheckpoint(ml) // the trainers make many passes: decode and featurize once
            .Append(ml.Transforms.NormalizeMinMax("Features"))
            .Append(ml.Transforms.Conversion.MapValueToKey(nameof(ModelInput.Label)))
            .Append(Trainer(ml, trainer, seed))
            .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"))
            .Append(ml.Transforms.DropColumns("Waveform", "Leaf", "Features"));

    private static IEstimator<ITransformer> Trainer(MLContext ml, string name, int seed) => name switch
    {
        "sdca" => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(),
        // Small audio datasets: leaves of a few examples (the defaults of 20 suit tabular data of thousands of rows).
        "lightgbm" => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options { MinimumExampleCountPerLeaf = 2, NumberOfIterations = 100, Seed = seed }),
        "fasttree" => ml.MulticlassClassification.Trainers.OneVersusAll(ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options { MinimumExampleCountPerLeaf = 2, NumberOfTrees = 100 })),
        _ => throw new ArgumentException($"unknown trainer '{name}'"),
    };

    // Accuracy on the test split and recall per class.
    private static void Report(TextWriter o, ModelInput[] test, string[] predicted, IReadOnlyList<string> labels)
    {
        int correct = test.Zip(predicted).Count(p => p.First.Label == p.Second);
        o.WriteLine($"test accuracy {(double)correct / test.Length:P1} ({correct}/{test.Length} files)");
        foreach (string label in labels)
        {
            var rows = test.Zip(predicted).Where(p => p.First.Label == label).ToArray();
            if (rows.Length == 0) continue;
            int right = rows.Count(p => p.Second == label);
            o.WriteLine($"  {label}: {right}/{rows.Length} ({(double)right / rows.Length:P0})");
        }
    }
}
