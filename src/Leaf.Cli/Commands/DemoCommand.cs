using System.CommandLine;
using System.Diagnostics;
using Leaf.Cli.MlNet;
using Leaf.Datasets;
using Leaf.Datasets.Synthesis;
using Leaf.Frontends;
using Leaf.MLNet;
using Leaf.Training.Fitting;
using Leaf.Training.Frontends;
using Microsoft.ML;
using Spectre.Console;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf demo</c>: synthesises the keyword dataset (cached), trains LEAF and mel with the same compact CNN, recipe, seed and
/// budget, prints them side by side, and classifies a few test files with the trained LEAF model wrapped as an ML.NET model zip.
/// </summary>
internal static class DemoCommand
{
    private const int ScoredFiles = 5;

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Work folder: data/keywords (reused by later runs), leaf/ and mel/ runs.", DefaultValueFactory = _ => "demo" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per frontend: the same budget for both, whatever the machine's speed (the learning-rate schedule spans them).", DefaultValueFactory = _ => 8 }.Range(1, OptionRules.MaxEpochs);
        var minutes = new Option<double?>("--minutes") { Description = "Optional time cap per frontend in minutes (then results depend on the machine's speed)." }.Range(0, OptionRules.MaxMinutes);
        var perClass = new Option<int>("--per-class") { Description = "Synthesised files per keyword.", DefaultValueFactory = _ => 60 }.Range(1, 100_000);
        var seed = new Option<int>("--seed") { Description = "Seed of the data, the weights and the data order.", DefaultValueFactory = _ => 0 };

        var command = new Command("demo", "Synthesise spoken keywords, train LEAF and mel with the same budget, compare them, and score test files with the trained LEAF model through ML.NET.")
        { output, epochs, minutes, perClass, seed };
        command.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            string root = parse.GetValue(output)!;
            using var outputLock = Leaf.Audio.OutputLock.ForFolder(root);
            int runSeed = parse.GetValue(seed);
            var data = CliProgress.Run("synth keywords", "files", progress => KeywordDataset.Synthesize(new SynthesisOptions
            {
                OutputDirectory = Path.Combine(root, "data", KeywordDataset.TaskName), PerClass = parse.GetValue(perClass), Seed = runSeed,
                CommandLine = "leaf demo", Log = parse.InvocationConfiguration.Error,
            }, progress));
            o.WriteLine($"{data.OutputDirectory}: {data.Total} files ({data.Written} written, {data.Existing} reused)");
            var tasks = TrainCommand.LoadTasks([data.OutputDirectory], new DatasetOptions { Seed = runSeed }, o);

            var runs = new List<(string Name, TrainingResult Result, TimeSpan Wall)>();
            foreach (var kind in new[] { FrontendKind.Leaf, FrontendKind.Mel })
            {
                var options = new TrainerOptions
                {
                    OutputDirectory = Path.Combine(root, kind.ToName()), Frontend = TrainerOptions.RecipeFrontend(kind),
                    Epochs = parse.GetValue(epochs), Minutes = parse.GetValue(minutes), Seed = runSeed,
                };
                var watch = Stopwatch.StartNew();
                var result = TrainCommand.TrainAndExport(tasks, options, o, kind.ToName());
                runs.Add((kind.ToName(), result, watch.Elapsed));
            }
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(o) });
            console.Profile.Width = Math.Max(console.Profile.Width, 110);
            console.Write(Comparison(runs));

            var test = tasks[0].Dataset;
            var files = test.IndicesOf(DatasetSplit.Test).Select(i => test.Items[i]).GroupBy(item => item.Label).Select(g => g.First()).Take(ScoredFiles).ToArray();   // one per class
            string model = Path.Combine(root, FrontendKind.Leaf.ToName(), RunFolder.ModelFile);
            string zip = WrapForMlNet(model, Path.Combine(root, "mlnet"));
            o.WriteLine($"scoring {files.Length} test files with {zip} (ML.NET: LoadAudio → ApplyLeafClassifier, the LEAF model wrapped):");
            foreach (var (item, prediction) in files.Zip(Predict(zip, [.. files.Select(f => f.Path)])))
                o.WriteLine($"  {Path.GetFileName(item.Path)}: {prediction.PredictedLabel} ({prediction.Score.Max():P1}), truth {test.Labels[item.Label]}");
            return 0;
        });
        return command;
    }

    // The side-by-side table: accuracy, parameters, throughput and time of each frontend.
    private static Table Comparison(IEnumerable<(string Name, TrainingResult Result, TimeSpan Wall)> runs)
    {
        var table = new Table().Title("LEAF vs mel on synthesised keywords (compact CNN, same budget and seed)");
        foreach (var column in new[] { "frontend", "test accuracy", "frontend params", "total params", "epochs", "train clips/s", "wall time" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var (name, result, wall) in runs)
        {
            var r = result.Report;
            table.AddRow(name, $"{r.TestAccuracy:P1}", $"{r.FrontendParameters:N0}", $"{r.TotalParameters:N0}", $"{r.Epochs}", $"{r.ClipsPerSecond:F1}", $"{wall.TotalSeconds:F0} s");
        }
        return table;
    }

    // The trained LEAF classifier as an ML.NET model zip (route (a) of docs/mlnet.md, as `leaf mlnet wrap` writes it).
    private static string WrapForMlNet(string modelPath, string outDir)
    {
        var ml = new MLContext(seed: 0);
        var (pipeline, _) = WrappedClassifier.Create(ml, modelPath, task: null, loudness: true);
        using var fitted = WrappedClassifier.Fit(ml, pipeline);
        return ModelZip.Save(ml, fitted, outDir);
    }

    // Loads the zip as a user's application would and predicts each file with one reused PredictionEngine.
    private static List<ModelOutput> Predict(string zip, IReadOnlyList<string> files)
    {
        var ml = new MLContext(seed: 0);
        ml.ComponentCatalog.RegisterAssembly(typeof(LeafCatalog).Assembly);
        var model = ml.Model.Load(zip, out _);
        try
        {
            using var engine = ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
            return [.. files.Select(f => engine.Predict(new ModelInput { Path = f }))];
        }
        finally { (model as IDisposable)?.Dispose(); }
    }
}
