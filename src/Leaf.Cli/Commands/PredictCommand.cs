using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Leaf.Audio;
using Leaf.Onnx.Classifiers;
using Leaf.Scoring;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf predict</c>: the top-k labels of each file with their probabilities, as text or JSON, or with
/// <c>--timeline</c> those of each window of each file; <c>--out</c> writes them as a result file (CSV or Parquet, the
/// columns of <c>leaf score</c>).
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new ClassifierModels();
        var windows = new TimelineArguments();
        var inputs = new Argument<string[]>("audio") { Description = "Audio files or folders (searched recursively).", Arity = ArgumentArity.OneOrMore }.NoOptionLikeValues();
        var top = new Option<int>("--top") { Description = "Labels to show per file and task, most probable first.", DefaultValueFactory = _ => 3 }.Range(1, 1000);
        var json = new Option<bool>("--json") { Description = "Print JSON: one object per file with each task's top labels and probabilities (per window with --timeline)." };
        var timeline = new Option<bool>("--timeline") { Description = "Score each window of --window seconds every --hop seconds (complete windows only; a file shorter than one window is one window) instead of the whole file." };
        var output = new Option<string?>("--out") { Description = "Write every label's probability to this result file (.csv or .parquet, the columns of leaf score; one row per file, or per file and window with --timeline) instead of printing." }
            .Check(p => ResultFile.RequireSupported(p!));

        var command = new Command("predict", "Predict the labels of audio files with a classifier (mean logits over clip-length windows; softmax), or their timelines.") { inputs, top, json, timeline, output };
        foreach (var option in model.All.Concat(windows.All)) command.Options.Add(option);
        windows.RequireOnlyWith(command, timeline, "timelines");
        command.SetAction(parse =>
        {
            int k = parse.GetValue(top);
            var files = AudioInputs.Expand(parse.GetValue(inputs)!, parse.InvocationConfiguration.Error);
            using var classifier = model.Open(parse);
            bool byWindow = parse.GetValue(timeline);
            var results = byWindow ? Timelines(classifier, files, windows.Options(parse).Resolve(classifier.Info))
                : [.. ClassifierModels.ScoreFiles(classifier, files).Select((r, i) => new Scored(i, r.Path, r.Score, null))];
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(output) is string path)
            {
                var rows = results.Select(r => r.Window is { } w ? ScoreColumns.Row(r.Input, w) : ScoreColumns.Row(r.Input, r.Score));
                ResultFile.Write(path, new ResultTable(ScoreColumns.For(classifier.Info, 0, byWindow), [.. rows]));
                o.WriteLine($"{path}: {results.Count} rows from {files.Count} files");
                return 0;
            }
            if (parse.GetValue(json))
            {
                object Tasks(ClassifierScore score) => score.Tasks.ToDictionary(t => t.Task.Name, t => t.Top(k).Select(p => new { label = p.Label, probability = p.Probability }));
                var objects = byWindow
                    ? results.GroupBy(r => r.File).Select(g => (object)new { path = g.First().Path, timeline = g.Select(r => new { start = r.Window!.Start, end = r.Window.End, windows = r.Score.Windows, tasks = Tasks(r.Score) }) })
                    : results.Select(r => (object)new { path = r.Path, windows = r.Score.Windows, tasks = Tasks(r.Score) });
                o.WriteLine(JsonSerializer.Serialize(objects, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            foreach (var (_, file, score, window) in results)
                foreach (var task in score.Tasks)
                {
                    string when = window is null ? "" : string.Create(CultureInfo.InvariantCulture, $" {window.Start:0.###}-{window.End:0.###} s");
                    o.WriteLine($"{file}{when}{(score.Tasks.Count > 1 ? $" [{task.Task.Name}]" : "")}: " + string.Join(", ", task.Top(k).Select(p => $"{p.Label} {p.Probability:F4}")));
                }
            return 0;
        });
        return command;
    }

    // One result: a whole file (Window null) or one window of its timeline; File is its position in the input list.
    private sealed record Scored(int File, string Path, ClassifierScore Score, TimelineWindow? Window)
    {
        public ScoringInput Input => new(File, Path, Path);
    }

    // Each file decoded at the model's rate and scored window by window.
    private static List<Scored> Timelines(OnnxClassifier classifier, IReadOnlyList<string> files, SlidingWindows windows)
    {
        var load = new AudioLoadOptions { SampleRate = classifier.SampleRate };
        return [.. files.SelectMany((f, i) => classifier.Timeline(AudioFile.Load(f, load).Samples, windows).Select(w => new Scored(i, f, w.Score, w)))];
    }
}
