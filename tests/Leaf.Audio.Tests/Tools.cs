using System.Diagnostics;

namespace Leaf.Audio.Tests;

/// <summary>Runs sox/ffmpeg for fixtures. They are prerequisites of the suite (./run-tests installs them); a missing one fails with a clear message.</summary>
internal static class Tools
{
    /// <summary>Runs <paramref name="program"/> (from PATH) and returns its stdout bytes; fails the test on a non-zero exit.</summary>
    public static byte[] Run(string program, params string[] arguments)
    {
        string exe = Locate(program);
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors.Result}");
        return output.ToArray();
    }

    /// <summary>Full path of a program on PATH (never the test directory), or a failure explaining how to install it.</summary>
    public static string Locate(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, program)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"'{program}' is required by these tests but is not on PATH: install it with 'apt-get install -y sox ffmpeg' (./run-tests does this).");

    /// <summary>Little-endian float32 bytes as floats (sox/ffmpeg raw output).</summary>
    public static float[] Floats(byte[] raw)
    {
        var values = new float[raw.Length / 4];
        Buffer.BlockCopy(raw, 0, values, 0, values.Length * 4);
        return values;
    }
}
