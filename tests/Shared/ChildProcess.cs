using System.Diagnostics;

namespace Leaf.Tests;

/// <summary>Runs a program to the end (or kills it after a time limit) and returns its exit code and joined output.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="args"/>; standard output, then standard error.</summary>
    public static (int Code, string Output) Run(TimeSpan limit, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(limit)) process.Kill(entireProcessTree: true);
        return (process.ExitCode, stdout + stderr.Result);
    }
}
