using System.ComponentModel;
using System.Diagnostics;

namespace Leaf.Datasets.Synthesis;

/// <summary>Runs an external program to completion, capturing its output.</summary>
internal static class ProcessRunner
{
    /// <summary>Exit code, standard output (bytes) and standard error (text) of a finished run.</summary>
    public sealed record Result(int ExitCode, byte[] Output, string Errors);

    /// <summary>Runs <paramref name="executable"/> with <paramref name="arguments"/> (no shell, stdin closed), killing it after <paramref name="timeout"/>.</summary>
    /// <exception cref="InvalidOperationException">It cannot be started, or it timed out.</exception>
    public static Result Run(string executable, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"could not start {executable}: {e.Message}", e);
        }
        using (process)
        {
            process.StandardInput.Close();
            using var output = new MemoryStream();
            Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
            Task<string> errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new InvalidOperationException($"{executable} {string.Join(' ', info.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s");
            }
            copy.GetAwaiter().GetResult();
            return new Result(process.ExitCode, output.ToArray(), errors.GetAwaiter().GetResult().Trim());
        }
    }

    /// <summary>Runs it and fails unless it exits with 0.</summary>
    /// <exception cref="InvalidOperationException">A non-zero exit code (the message quotes the command and its error output).</exception>
    public static Result RunChecked(string executable, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        Result result = Run(executable, arguments, timeout);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed (exit code {result.ExitCode}): {result.Errors}");
        return result;
    }
}
