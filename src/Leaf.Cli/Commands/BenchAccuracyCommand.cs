using System.CommandLine;
using System.Globalization;
using System.Text;
using Leaf.Datasets;
using Leaf.Frontends;
using Leaf.Training.Fitting;
using Leaf.Training.Frontends;
using Spectre.Console;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf bench accuracy</c>: the generalisation protocol of docs/accuracy.md on a benchmark root (one folder per task, each
/// with <c>train/&lt;label&gt;/</c> and <c>test/&lt;label&gt;/</c>, such as the development benchmark's): every frontend is
/// trained on each task's train split and tested on its test split with the same recipe, budget and seeds, and one table is
/// printed. Each run is a training folder under <c>--out</c>; a finished run (its report.json) is reused, so an interrupted
/// benchmark continues where it stopped. Results are written to <c>results.csv</c> and <c>results.md</c> in <c>--out</c>.
/// </summary>
internal static class BenchAccuracyCommand
{
    private const string ResultsCsv = "results.csv";
    private const string ResultsMarkdown = "results.md";

    public static Command Create()
    {
        var root = new Option<string>("--root") { Description = "Benchmark root: one folder per task with train/<label>/ and test/<label>/ audio.", Required = true };
        var tasks = new Option<string[]>("--tasks") { Description = "Tasks (folders of --root) to run, comma-separated (default: every folder with a train/ and a test/ split).", AllowMultipleArgumentsPerToken = true };
        var frontends = new Option<string[]>("--frontends") { Description = "Frontends to compare: kinds or description files, comma-separated.", DefaultValueFactory = _ => ["leaf", "mel"], AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<string[]>("--seeds") { Description = "Seeds; every frontend runs with each (comma-separated).", DefaultValueFactory = _ => ["0"], AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out") { Description = "Folder of the runs and the result tables (reused runs are not trained again).", Required = true };
        var recipe = new TrainingRecipeOptions();

        var command = new Command("accuracy", "Train each frontend on every task's train split and test it on the test split (unseen sources), same recipe, budget and seeds; print one table.")
        { root, tasks, frontends, seeds, output };
        foreach (var option in recipe.All.Where(o => o != recipe.Frontend && o != recipe.Seed)) command.Options.Add(option);
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse, cancel)));
        return command;

        int Run(ParseResult parse, CancellationToken cancel)
        {
            var o = parse.InvocationConfiguration.Output;
            string rootDir = parse.GetValue(root)!, outDir = parse.GetValue(output)!;
            if (!Directory.Exists(rootDir)) throw new DirectoryNotFoundException($"{rootDir}: benchmark root not found");
            string[] taskNames = Split(parse.GetValue(tasks)) is { Length: > 0 } chosen ? chosen : [.. Directory.GetDirectories(rootDir).Where(IsTask).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
            foreach (string task in taskNames)
                if (!IsTask(Path.Combine(rootDir, task))) throw new DirectoryNotFoundException($"{Path.Combine(rootDir, task)}: not a task folder (needs train/ and test/)");
            string[] frontendNames = Split(parse.GetValue(frontends));
            int[] seedValues = [.. Split(parse.GetValue(seeds)).Select(ParseSeed)];
            if (taskNames.Length == 0 || frontendNames.Length == 0 || seedValues.Length == 0) throw new ArgumentException("nothing to run: give at least one task, frontend and seed");
            foreach (string frontend in frontendNames) TrainingRecipeOptions.FrontendOf(frontend);   // fail before any training
            using var outputLock = Leaf.Audio.OutputLock.ForFolder(outDir);

            var rows = new List<Row>();
            foreach (string task in taskNames)
            {
                var dataset = TrainCommand.LoadTasks([$"{task.Replace('.', '_')}={Path.Combine(rootDir, task)}"], new DatasetOptions(), o);
                foreach (string frontend in frontendNames)
                    foreach (int seed in seedValues)
                    {
                        string runDir = Path.Combine(outDir, task, RunName(frontend), $"seed{seed}");
                        var options = recipe.Read(parse, runDir, frontend) with { Seed = seed, Resume = true, TensorBoard = false };
                        var report = File.Exists(Path.Combine(runDir, RunFolder.ReportFile))
                            ? TrainingReport.Load(Path.Combine(runDir, RunFolder.ReportFile))
                            : TrainCommand.Train(dataset, options, o, $"{task} {RunName(frontend)} seed {seed}", cancel).Report;
                        rows.Add(new Row(task, RunName(frontend), seed, report.TestAccuracy, report.Epochs, report.ClipsPerSecond, report.Seconds));
                        o.WriteLine($"{task} {RunName(frontend)} seed {seed}: test accuracy {report.TestAccuracy:P1} ({report.Epochs} epochs, {report.Seconds:F0} s)");
                        WriteResults(outDir, rows);
                    }
            }
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(o) });
            console.Profile.Width = Math.Max(console.Profile.Width, 110);
            console.Write(Table(rows, seedValues));
            o.WriteLine($"wrote {Path.Combine(outDir, ResultsCsv)} and {Path.Combine(outDir, ResultsMarkdown)}");
            return 0;
        }
    }

    /// <summary>One finished run.</summary>
    private sealed record Row(string Task, string Frontend, int Seed, double Accuracy, int Epochs, double ClipsPerSecond, double Seconds);

    private static int ParseSeed(string text) => int.TryParse(text, System.Globalization.NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
        ? seed
        : throw new ArgumentException($"--seeds: '{text}' is not a whole number");

    private static bool IsTask(string dir) => Directory.Exists(Path.Combine(dir, "train")) && Directory.Exists(Path.Combine(dir, "test"));

    private static string[] Split(string[]? values) => [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    // A run folder's name for a frontend: its kind, or the description file's name without extension.
    private static string RunName(string frontend) => File.Exists(frontend) ? Path.GetFileNameWithoutExtension(frontend) : frontend;

    // The result grid: a header (task, then one column per frontend), one row per task (the mean over seeds, with each seed's
    // value) and a last row with each frontend's mean over tasks. The console table and results.md both show it.
    private static (string[] Header, string[][] Rows) Grid(IReadOnlyList<Row> rows)
    {
        var summary = rows.GroupBy(r => (r.Task, r.Frontend))
            .Select(g => (g.Key.Task, g.Key.Frontend, Mean: g.Average(r => r.Accuracy), Values: g.Select(r => r.Accuracy).ToArray())).ToArray();
        string[] frontends = [.. summary.Select(s => s.Frontend).Distinct()];
        var cells = summary.Select(s => s.Task).Distinct()
            .Select(task => (string[])[task, .. frontends.Select(f => summary.Where(s => s.Task == task && s.Frontend == f).Select(s => Cell(s.Mean, s.Values)).FirstOrDefault() ?? "")])
            .Append(["mean", .. frontends.Select(f => summary.Where(s => s.Frontend == f).Average(s => s.Mean).ToString("F3", CultureInfo.InvariantCulture))]);
        return (["task", .. frontends], [.. cells]);
    }

    private static Table Table(IReadOnlyList<Row> rows, int[] seeds)
    {
        var (header, cells) = Grid(rows);
        var table = new Table().Title($"test accuracy on unseen sources (mean over seed{(seeds.Length > 1 ? "s" : "")} {string.Join(", ", seeds)})");
        table.AddColumn(header[0]);
        foreach (string f in header[1..]) table.AddColumn(new TableColumn(f).RightAligned());
        foreach (var row in cells) table.AddRow(row);
        return table;
    }

    private static string Cell(double mean, double[] values) => values.Length == 1
        ? mean.ToString("F3", CultureInfo.InvariantCulture)
        : $"{mean.ToString("F3", CultureInfo.InvariantCulture)} ({string.Join(" ", values.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)))})";

    // results.csv (one line per run) and results.md (the table in Markdown), both written atomically after every run.
    private static void WriteResults(string outDir, IReadOnlyList<Row> rows)
    {
        var csv = new StringBuilder("task,frontend,seed,test_accuracy,epochs,train_clips_per_second,seconds\n");
        foreach (var r in rows)
            csv.Append(CultureInfo.InvariantCulture, $"{r.Task},{r.Frontend},{r.Seed},{r.Accuracy:F4},{r.Epochs},{r.ClipsPerSecond:F1},{r.Seconds:F0}\n");
        Leaf.Audio.AtomicFile.WriteText(Path.Combine(outDir, ResultsCsv), csv.ToString());
        var (header, cells) = Grid(rows);
        var md = new StringBuilder($"| {string.Join(" | ", header)} |\n|{string.Concat(header.Select(_ => "---|"))}\n");
        foreach (var row in cells) md.Append($"| {string.Join(" | ", row)} |\n");
        Leaf.Audio.AtomicFile.WriteText(Path.Combine(outDir, ResultsMarkdown), md.ToString());
    }
}
