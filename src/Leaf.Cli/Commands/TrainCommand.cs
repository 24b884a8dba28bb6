using System.CommandLine;
using Leaf.Datasets;
using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Onnx;
using Leaf.Onnx.Classifiers;
using Leaf.Plotting;
using Leaf.Training.Fitting;
using Spectre.Console;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf train</c>: trains a frontend + classifier on one labelled folder or CSV, or several (<c>--data name=DIR</c>, one
/// head per task on a shared frontend and encoder), writing checkpoints, metrics, TensorBoard events, the learned frontend,
/// a test report, ONNX models and plots into <c>--out</c>.
/// </summary>
internal static class TrainCommand
{
    /// <summary>The <c>train</c> command.</summary>
    public static Command Create()
    {
        var data = new Option<string[]>("--data")
        {
            Description = "Dataset: a folder of <label>/ (or train|valid|test/<label>/) audio files, or a CSV manifest; repeat as name=DIR for multi-task training.",
            Required = true, Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out") { Description = "Output folder (checkpoints, metrics.csv, tensorboard/, frontend.json, report.json, ONNX models, plots/).", Required = true };
        var recipe = new TrainingRecipeOptions();
        var resume = new Option<bool>("--resume") { Description = "Continue from <out>/last.ckpt (same seed) after an interruption." };

        var command = new Command("train", "Train a frontend and classifier (one head per --data task); writes checkpoints, metrics, TensorBoard events, report.json, ONNX models and plots.")
        { data, output };
        foreach (var option in recipe.All) command.Options.Add(option);
        command.Options.Add(resume);
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse, cancel)));
        return command;

        int Run(ParseResult parse, CancellationToken cancel)
        {
            var o = parse.InvocationConfiguration.Output;
            var options = recipe.Read(parse, parse.GetValue(output)!) with { Resume = parse.GetValue(resume) };
            var tasks = LoadTasks(parse.GetValue(data)!, new DatasetOptions { Seed = options.Seed }, o);
            if (options.Frontend.Kind == FrontendKind.Leaf)
                o.WriteLine($"LEAF algorithm: {options.EffectiveLeafAlgorithm.ToName()}{(options.LeafAlgorithm is null ? " (auto)" : "")}");
            using var outputLock = Leaf.Audio.OutputLock.ForFolder(options.OutputDirectory);
            string last = Path.Combine(options.OutputDirectory, RunFolder.LastCheckpoint);
            if (options.Resume && !File.Exists(last)) o.WriteLine($"--resume: {last} does not exist; training starts from scratch");
            TrainingResult result;
            try { result = TrainAndExport(tasks, options, o, cancellation: cancel); }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                throw new OperationCanceledException(File.Exists(last)
                    ? $"{last} holds the last finished epoch, intact: run the same command with --resume to continue from it"
                    : "no epoch finished, so there is no checkpoint yet: run the same command again to start over", cancel);
            }
            foreach (var m in result.Metrics)
                o.WriteLine($"epoch {m.Epoch}: step {m.Step}, loss {m.TrainLoss:F4}, train acc {m.TrainAccuracy:P1}, valid acc {m.ValidAccuracy:P1}, lr {m.LearningRate:G3}, {m.Seconds:F0} s");
            if (result.Report.Tasks.Count > 1)
                foreach (var t in result.Report.Tasks) o.WriteLine($"task {t.Name}: test accuracy {t.TestAccuracy:P1}");
            o.WriteLine($"best valid accuracy {result.State.BestValidAccuracy:P1} (epoch {result.State.BestEpoch}); test accuracy {result.Report.TestAccuracy:P1}; {result.State.Seconds:F0} s");
            return 0;
        }
    }

    /// <summary>
    /// The datasets of the <c>--data</c> values, with their summaries printed: <c>name=PATH</c> tasks, or one bare path named
    /// after its folder (or <see cref="Trainer.SingleTaskName"/> when the folder name is not a valid task name).
    /// </summary>
    public static IReadOnlyList<NamedDataset> LoadTasks(IReadOnlyList<string> specs, DatasetOptions options, TextWriter o)
    {
        var named = specs.Count == 1 && !specs[0].Contains('=', StringComparison.Ordinal) && !IsValidName(specs[0])
            ? [$"{Trainer.SingleTaskName}={specs[0]}"]
            : specs;
        var tasks = NamedDataset.LoadAll(named, options);
        foreach (var (name, dataset) in tasks)
        {
            if (tasks.Count > 1) o.WriteLine($"task {name}:");
            o.WriteLine(dataset.Summary().ToString());
            foreach (var skipped in dataset.Skipped) o.WriteLine($"skipped {skipped}");
        }
        return tasks;
    }

    /// <summary>Trains with a live bar, then writes classifier.json, frontend.onnx, model.onnx and the plots of the run.</summary>
    public static TrainingResult TrainAndExport(IReadOnlyList<NamedDataset> tasks, TrainerOptions options, TextWriter o, string title = "training", CancellationToken cancellation = default)
    {
        var result = Train(tasks, options, o, title, cancellation);
        Export(result, options, o);
        var plots = RunPlots.Write(options.OutputDirectory);
        o.WriteLine($"wrote {plots.Count} plots to {Path.Combine(options.OutputDirectory, RunFolder.PlotsFolder)}");
        return result;
    }

    /// <summary>Trains with a live bar (no exports) and lists the files that failed to decode.</summary>
    public static TrainingResult Train(IReadOnlyList<NamedDataset> tasks, TrainerOptions options, TextWriter o, string title = "training", CancellationToken cancellation = default)
    {
        var trainer = new Trainer(tasks, options);
        var result = Render(title, progress => trainer.Run(progress, cancellation));
        foreach (var failure in trainer.DecodeFailures) o.WriteLine($"could not decode {failure}");
        return result;
    }

    private static bool IsValidName(string spec)
    {
        try { NamedDataset.ParseSpec(spec); return true; }
        catch (ArgumentException) { return false; }
    }

    // The best checkpoint as a runtime-free description and as ONNX: the frontend alone and the whole classifier.
    private static void Export(TrainingResult result, TrainerOptions options, TextWriter o)
    {
        string outDir = options.OutputDirectory;
        string frontend = Path.Combine(outDir, RunFolder.FrontendModelFile), model = Path.Combine(outDir, RunFolder.ModelFile);
        result.Classifier.Save(Path.Combine(outDir, RunFolder.ClassifierFile));
        FrontendExporter.ExportToFile(result.Classifier.Frontend, frontend);
        ClassifierExporter.ExportToFile(result.Classifier, model, new ClassifierExportOptions { ClipSamples = options.Clip.Length });
        o.WriteLine($"wrote {frontend} and {model}");
    }

    // A live bar: epoch, step, loss, accuracy, clips/s and remaining time of the epoch.
    private static TrainingResult Render(string title, Func<IProgress<TrainingProgress>, TrainingResult> run) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(title, maxValue: 1);
                var progress = new Progress<TrainingProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, (double)p.Epochs * p.StepsPerEpoch);
                    task.Value = (double)(p.Epoch - 1) * p.StepsPerEpoch + p.StepInEpoch;
                    string valid = double.IsFinite(p.ValidAccuracy) ? $", best valid {p.ValidAccuracy:P1}" : "";
                    task.Description = $"{title}: epoch {p.Epoch}/{p.Epochs} step {p.StepInEpoch}/{p.StepsPerEpoch}: loss {p.Loss:F3}, acc {p.Accuracy:P1}{valid}, {p.ClipsPerSecond:F1} clips/s";
                });
                return run(progress);
            });
}
