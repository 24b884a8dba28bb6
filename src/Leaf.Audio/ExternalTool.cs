using System.ComponentModel;
using System.Diagnostics;

namespace Leaf.Audio;

/// <summary>Finds and starts ffmpeg/ffprobe, with a clear error when they are missing.</summary>
internal static class ExternalTool
{
    /// <summary>
    /// The executable for <paramref name="program"/> (a name looked up on PATH, or a path), or an error telling how to
    /// install it. PATH is searched here rather than by Process.Start, which would look in the application's own folder first.
    /// </summary>
    public static string Require(string program, string source)
    {
        string[] names = OperatingSystem.IsWindows() && !program.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? [program, program + ".exe"] : [program];
        string? found = program.Contains(Path.DirectorySeparatorChar) || program.Contains('/')
            ? names.FirstOrDefault(File.Exists)
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .SelectMany(dir => names.Select(name => Path.Combine(dir, name))).FirstOrDefault(File.Exists);
        return found ?? throw NotInstalled(program, source);
    }

    /// <summary>Starts <paramref name="executable"/> with stdout and stderr redirected and no stdin.</summary>
    public static Process Start(string executable, IEnumerable<string> arguments, string source)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // closed right away: the tool must never wait for keyboard input
            UseShellExecute = false,
        };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        try
        {
            var process = Process.Start(info) ?? throw NotInstalled(executable, source);
            process.StandardInput.Close();
            return process;
        }
        catch (Win32Exception e)
        {
            throw NotInstalled(executable, source, e);
        }
    }

    /// <summary>The message for a missing ffmpeg/ffprobe.</summary>
    private static AudioFormatException NotInstalled(string program, string source, Exception? inner = null) =>
        new(source, $"is not a WAV file, and decoding other formats needs ffmpeg, but '{program}' was not found (or cannot run). " +
                    "Install ffmpeg (it includes ffprobe): 'apt-get install ffmpeg' on Debian/Ubuntu, 'brew install ffmpeg' on macOS, " +
                    "or from https://ffmpeg.org/download.html; or convert the file to WAV.", inner);

    /// <summary>Kills a still-running process (after we stopped reading its output), then waits for it.</summary>
    public static void Stop(Process process)
    {
        try { process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // it had already exited
        process.WaitForExit();
    }
}
