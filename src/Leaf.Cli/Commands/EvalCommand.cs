using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Leaf.Datasets;
using Leaf.Onnx.Classifiers;
using Leaf.Training.Fitting;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf eval</c>: accuracy, per-class precision/recall/F1 and the confusion matrix of a classifier model on a labelled
/// dataset — its explicit test split if it has one, else all its files — with the training code's protocol (mean logits
/// over non-overlapping clip-length windows).
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new ClassifierModels();
        var data = new Option<string>("--data") { Description = "Labelled dataset: a folder of <label>/ (or train|valid|test/<label>/) audio files, or a CSV manifest.", Required = true };
        var task = new Option<string?>("--task") { Description = "With a multi-task model: the task whose labels the dataset has." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };

        var command = new Command("eval", "Evaluate a classifier model on a labelled dataset (test split if it has one, else all files).") { data, task, json };
        foreach (var option in model.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var dataset = AudioDataset.Load(parse.GetValue(data)!);
            using var classifier = model.Open(parse);
            int head = ClassifierModels.TaskIndex(classifier.Info, parse.GetValue(task));
            var labels = classifier.Info.Tasks[head].Labels;
            var truth = LabelMap(dataset, labels, parse.GetValue(data)!);
            var test = dataset.IndicesOf(DatasetSplit.Test);
            bool useTest = dataset.ExplicitSplit && test.Count > 0;
            IReadOnlyList<int> items = useTest ? test : [.. Enumerable.Range(0, dataset.Items.Count)];
            string split = useTest ? "test split" : "all files (the dataset has no test split)";

            var confusion = labels.Select(_ => new int[labels.Length]).ToArray();
            var scores = ClassifierModels.ScoreFiles(classifier, items.Select(i => dataset.Items[i].Path));
            foreach (var (item, (_, score)) in items.Zip(scores))
                confusion[truth[dataset.Items[item].Label]][score.Tasks[head].TopIndex]++;
            int right = Enumerable.Range(0, labels.Length).Sum(c => confusion[c][c]);
            double accuracy = (double)right / items.Count;
            var classes = ClassMetrics.FromConfusion(labels, confusion);
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                o.WriteLine(JsonSerializer.Serialize(new
                {
                    model = parse.GetValue(model.Model),
                    data = dataset.Source,
                    task = classifier.Info.Tasks[head].Name,
                    split = useTest ? "test" : "all",
                    files = items.Count,
                    skipped = dataset.Skipped.Select(s => s.ToString()),
                    accuracy,
                    classes = classes.Select(c => new { label = c.Label, precision = c.Precision, recall = c.Recall, f1 = c.F1, support = c.Support }),
                    labels,
                    confusion,
                }, new JsonSerializerOptions { WriteIndented = true }));
                return 0;
            }
            foreach (var skipped in dataset.Skipped) o.WriteLine($"skipped {skipped}");
            o.WriteLine($"{dataset.Source}: {split}, {items.Count} files; task '{classifier.Info.Tasks[head].Name}'");
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {accuracy:F4} ({right}/{items.Count})"));
            int width = Math.Max(5, labels.Max(l => l.Length));
            o.WriteLine($"{"class".PadRight(width)}  precision  recall      f1  support");
            foreach (var c in classes)
                o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Label.PadRight(width)}  {c.Precision,9:F4}  {c.Recall,6:F4}  {c.F1,6:F4}  {c.Support,7}"));
            o.WriteLine("confusion (rows: true class, columns: predicted, in the order above):");
            foreach (var row in confusion) o.WriteLine("  " + string.Join(' ', row.Select(v => v.ToString(CultureInfo.InvariantCulture).PadLeft(5))));
            return 0;
        });
        return command;
    }

    // Dataset label index → model label index; every dataset class must be one of the model's labels.
    private static int[] LabelMap(AudioDataset dataset, string[] labels, string source) =>
        [.. dataset.Labels.Select(l => Array.IndexOf(labels, l) is int i and >= 0 ? i
            : throw new InvalidDataException($"{source}: class '{l}' is not a label of the model ({string.Join(", ", labels)})"))];
}
