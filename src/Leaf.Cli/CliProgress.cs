using System.Diagnostics;
using Spectre.Console;

namespace Leaf.Cli;

/// <summary>A live progress bar (count, rate, ETA) for long commands; plain when output is not a terminal.</summary>
internal static class CliProgress
{
    /// <summary>Runs <paramref name="work"/>, showing its (done, total) reports as a bar with rate and remaining time.</summary>
    public static T Run<T>(string title, string unit, Func<IProgress<(int Done, int Total)>, T> work)
    {
        var watch = Stopwatch.StartNew();
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(title, maxValue: 1);
                var progress = new Progress<(int Done, int Total)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    double rate = p.Done / Math.Max(watch.Elapsed.TotalSeconds, 1e-3);
                    task.Description = $"{title} {p.Done}/{p.Total} ({rate:F1} {unit}/s)";
                });
                return work(progress);
            });
    }
}
