using System.Text.Json.Nodes;
using Leaf.Frontends;

namespace Leaf.Plotting;

/// <summary>
/// The PNGs of a training run folder (as <c>leaf train</c> writes it), into its <see cref="RunFolder.PlotsFolder"/> subfolder: training curves from
/// <c>metrics.csv</c>, a confusion matrix per task from <c>report.json</c>, and for Gabor frontends the learned filters
/// against their mel initialisation and their frequency responses from <c>frontend.json</c>. Missing inputs are skipped.
/// </summary>
public static class RunPlots
{
    /// <summary>Draws every plot the files of <paramref name="runDirectory"/> allow and returns the paths written.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FormatException">A run file is malformed; the message names it.</exception>
    public static IReadOnlyList<string> Write(string runDirectory)
    {
        if (!Directory.Exists(runDirectory)) throw new DirectoryNotFoundException($"{runDirectory}: run folder not found");
        string plots = Path.Combine(runDirectory, RunFolder.PlotsFolder);
        var written = new List<string>();
        string In(string name) => Path.Combine(runDirectory, name);
        string Out(string name)
        {
            string path = Path.Combine(plots, name);
            written.Add(path);
            return path;
        }

        if (File.Exists(In(RunFolder.MetricsFile))) TrainingCurves.Write(MetricsTable.Load(In(RunFolder.MetricsFile)), Out("curves.png"));
        if (File.Exists(In(RunFolder.ReportFile)))
        {
            var tasks = ReportTasks(In(RunFolder.ReportFile));
            foreach (var (name, labels, confusion) in tasks)
                ConfusionPlot.Write(labels, confusion, Out(tasks.Count == 1 ? "confusion.png" : $"confusion-{name}.png"), $"Confusion matrix (test, {name})");
        }
        if (File.Exists(In(RunFolder.FrontendFile)))
        {
            var frontend = FrontendDescription.Load(In(RunFolder.FrontendFile));
            if (GaborFilterData.HasGaborFilters(frontend))
            {
                FilterbankPlots.CentersAndBandwidths(frontend, Out("filters.png"));
                FilterbankPlots.Responses(frontend, Out("responses.png"), "Learned filter frequency responses");
            }
        }
        return written;
    }

    // (name, labels, confusion) of each task of report.json.
    private static List<(string Name, string[] Labels, int[][] Confusion)> ReportTasks(string path)
    {
        JsonNode Need(JsonNode? node, string what) => node ?? throw new FormatException($"{path}: not a training report (no '{what}')");
        try
        {
            var tasks = Need(JsonNode.Parse(File.ReadAllText(path))?["tasks"], "tasks").AsArray();
            return [.. tasks.Select(t => (
                Need(t?["name"], "name").GetValue<string>(),
                Need(t!["labels"], "labels").AsArray().Select(l => Need(l, "label").GetValue<string>()).ToArray(),
                Need(t["confusion"], "confusion").AsArray().Select(r => Need(r, "confusion row").AsArray().Select(v => Need(v, "count").GetValue<int>()).ToArray()).ToArray()))];
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new FormatException($"{path}: not a training report ({e.Message})", e);
        }
    }
}
