using System.Diagnostics;
using System.Globalization;

namespace Leaf.Audio;

/// <summary><see cref="AudioInfo"/> for non-WAV files from <c>ffprobe</c> (first audio stream).</summary>
internal static class FfprobeInfo
{
    /// <summary>Codec, channels and rate of the first audio stream; frames estimated from the stream's (or container's) duration.</summary>
    public static AudioInfo Read(string path, FfmpegOptions tools)
    {
        string ffprobe = ExternalTool.Require(tools.FfprobePath, path);
        using Process process = ExternalTool.Start(ffprobe,
        [
            "-v", "error", "-select_streams", "a:0",
            "-show_entries", "stream=codec_name,sample_rate,channels,duration:format=duration",
            "-of", "default=noprint_wrappers=1", .. FfmpegDecoder.InputArguments(path),
        ], path);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string stderr = errors.Result.Trim();
        if (process.ExitCode != 0 || stderr.Length > 0)
            throw new AudioFormatException(path, $"ffprobe could not read it (exit code {process.ExitCode}): {stderr}");

        // Lines key=value; "duration" comes first for the stream, then for the container, and may be N/A.
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).Where(kv => kv.Length == 2).ToList();
        string? Value(string key) => lines.FirstOrDefault(kv => kv[0] == key && kv[1] != "N/A")?[1];
        string codec = Value("codec_name") ?? throw new AudioFormatException(path, "contains no audio stream");
        if (!int.TryParse(Value("sample_rate"), CultureInfo.InvariantCulture, out int rate) || !AudioLimits.IsValidSampleRate(rate))
            throw new AudioFormatException(path, $"ffprobe reports no valid sample rate for its {codec} stream (must be {AudioLimits.SampleRateRange})");
        int.TryParse(Value("channels"), CultureInfo.InvariantCulture, out int channels);
        double.TryParse(Value("duration"), CultureInfo.InvariantCulture, out double seconds);
        return new AudioInfo(path, codec, channels, rate, (long)Math.Round(seconds * rate));
    }
}
