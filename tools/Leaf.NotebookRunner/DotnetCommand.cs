using System.Diagnostics;

namespace Leaf.NotebookRunner;

/// <summary>Runs the <c>dotnet</c> CLI in a folder, capturing its standard output and error, killing it after a time limit.</summary>
public static class DotnetCommand
{
    /// <summary>The result of one run.</summary>
    public sealed record Result(int ExitCode, string Output, string Errors, bool TimedOut);

    /// <summary>Runs <c>dotnet <paramref name="arguments"/></c> with <paramref name="workingDirectory"/> as current folder.</summary>
    public static async Task<Result> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellation = default)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start 'dotnet'");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellation);
        var errors = process.StandardError.ReadToEndAsync(cancellation);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        limit.CancelAfter(timeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellation.ThrowIfCancellationRequested();
            timedOut = true;
        }
        return new Result(process.ExitCode, await output, await errors, timedOut);
    }
}
