using System.CommandLine;
using System.Text.Json;

namespace Leaf.Cli.Commands;

/// <summary><c>leaf predict</c>: the top-k labels of each file with their probabilities, as text or JSON.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new ClassifierModels();
        var inputs = new Argument<string[]>("audio") { Description = "Audio files or folders (searched recursively).", Arity = ArgumentArity.OneOrMore }.NoOptionLikeValues();
        var top = new Option<int>("--top") { Description = "Labels to show per file and task, most probable first.", DefaultValueFactory = _ => 3 }.Range(1, 1000);
        var json = new Option<bool>("--json") { Description = "Print JSON: one object per file with each task's top labels and probabilities." };

        var command = new Command("predict", "Predict the labels of audio files with a classifier (mean logits over clip-length windows; softmax).") { inputs, top, json };
        foreach (var option in model.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            int k = parse.GetValue(top);
            var files = AudioInputs.Expand(parse.GetValue(inputs)!, parse.InvocationConfiguration.Error);
            using var classifier = model.Open(parse);
            var results = ClassifierModels.ScoreFiles(classifier, files).ToList();
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(results.Select(r => new
                {
                    path = r.Path,
                    windows = r.Score.Windows,
                    tasks = r.Score.Tasks.ToDictionary(t => t.Task.Name, t => t.Top(k).Select(p => new { label = p.Label, probability = p.Probability })),
                }), new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            foreach (var (path, score) in results)
                foreach (var task in score.Tasks)
                    o.WriteLine($"{path}{(score.Tasks.Count > 1 ? $" [{task.Task.Name}]" : "")}: " + string.Join(", ", task.Top(k).Select(p => $"{p.Label} {p.Probability:F4}")));
            return 0;
        });
        return command;
    }
}
