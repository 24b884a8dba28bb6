using System.Diagnostics;

namespace Leaf.Notebooks.Tests;

/// <summary>
/// Runs a notebook with dotnet-repl, the version pinned in the repository's dotnet-tools.json, as
/// <c>scripts/run-notebooks</c> does: from the notebook's folder (relative <c>#r</c> paths resolve there, as in Polyglot
/// Notebooks), writing the executed notebook to another file so the original is not touched.
/// </summary>
internal static class DotnetRepl
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    /// <summary>Executes <paramref name="notebook"/> into <paramref name="output"/>; fails naming the notebook if dotnet-repl writes nothing.</summary>
    public static async Task<ExecutedNotebook> RunAsync(string notebook, string output)
    {
        var start = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-repl", "--run", notebook, "--exit-after-run", "--output-path", output])
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(notebook))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{notebook}: dotnet-repl did not finish within {Limit.TotalMinutes} minutes");
        }
        if (!File.Exists(output))
            throw new InvalidOperationException($"{notebook}: dotnet-repl exited with {process.ExitCode} and wrote no notebook " +
                $"(is the tool restored? 'dotnet tool restore'):\n{await stdout}\n{await stderr}");
        return ExecutedNotebook.Load(output, process.ExitCode);
    }
}
