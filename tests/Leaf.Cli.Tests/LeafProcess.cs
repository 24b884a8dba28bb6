using System.Diagnostics;
using System.Text;

namespace Leaf.Cli.Tests;

/// <summary>The <c>leaf</c> command as a real child process (<c>dotnet leaf.dll</c>), for signals and concurrent writers.</summary>
internal sealed class LeafProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new(), error = new();

    public LeafProcess(params string[] args) : this([], args) { }

    /// <summary>Runs <c>PREFIX… dotnet leaf.dll ARGS…</c> (e.g. a prefix that drops privileges).</summary>
    public LeafProcess(IReadOnlyList<string> prefix, params string[] args) : this(prefix, new Dictionary<string, string>(), args) { }

    /// <summary>Runs <c>dotnet leaf.dll ARGS…</c> with <paramref name="environment"/> added to this process's environment.</summary>
    public LeafProcess(IReadOnlyDictionary<string, string> environment, params string[] args) : this([], environment, args) { }

    private LeafProcess(IReadOnlyList<string> prefix, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(prefix.Count > 0 ? prefix[0] : host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        foreach (string p in prefix.Skip(1).Append(host).Skip(prefix.Count > 0 ? 0 : 1)) start.ArgumentList.Add(p);
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "leaf.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (error) error.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output { get { lock (output) return output.ToString(); } }

    public string Error { get { lock (error) return error.ToString(); } }

    /// <summary>Waits until standard output satisfies <paramref name="condition"/>; false when the process ended first or the time ran out.</summary>
    public bool WaitForOutput(Func<string, bool> condition, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (condition(Output)) return true;
            if (process.HasExited) return condition(Output);
            Thread.Sleep(20);
        }
        return false;
    }

    /// <summary>Sends a signal by name (INT, TERM, STOP, CONT) with kill(1).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the exit and returns the exit code (killing the process after <paramref name="limit"/>).</summary>
    public int WaitForExit(TimeSpan limit)
    {
        if (!process.WaitForExit(limit)) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.Dispose();
    }
}
