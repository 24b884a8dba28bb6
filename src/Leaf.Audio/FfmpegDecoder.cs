using System.Diagnostics;

namespace Leaf.Audio;

/// <summary>
/// Decodes any format ffmpeg reads (FLAC, MP3, OGG/Vorbis/Opus, AAC/M4A, ADPCM WAV, …) by running
/// <c>ffmpeg -nostdin -v error -i file:PATH -map 0:a:0 -c:a pcm_f32le -f wav -</c> and reading its stdout as it arrives.
/// ffmpeg keeps the native rate and all channels; mixing (mean over channels) and resampling are then done here,
/// exactly as for WAV files, so every format gets the same downmix and the same resampler. Only the first audio
/// stream is decoded. Any ffmpeg error output or a non-zero exit code fails the decode (strict: a partly corrupt
/// file is rejected rather than silently shortened).
/// </summary>
internal static class FfmpegDecoder
{
    private const int HeaderBytes = 64 * 1024; // ffmpeg's bit-exact WAV header without metadata is well under 100 bytes

    /// <summary>Mono samples (mean over channels) at the file's native rate.</summary>
    public static (float[] Samples, int SampleRate) Decode(string path, FfmpegOptions tools, string source)
    {
        string ffmpeg = ExternalTool.Require(tools.FfmpegPath, source);
        using Process process = ExternalTool.Start(ffmpeg, Arguments(path), source);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        (float[] Samples, int SampleRate)? decoded = null;
        AudioFormatException? outputError = null;
        try
        {
            decoded = ReadWav(process.StandardOutput.BaseStream, source);
            process.WaitForExit();
        }
        catch (AudioFormatException e)
        {
            outputError = e;
            ExternalTool.Stop(process); // stop it so it does not block on a full pipe
        }
        catch
        {
            ExternalTool.Stop(process);
            throw;
        }
        string stderr = errors.Result.Trim();
        if (stderr.Length > 0 || (outputError is null && process.ExitCode != 0))
            throw new AudioFormatException(source, $"ffmpeg could not decode it (exit code {process.ExitCode}): {Shorten(stderr)}", outputError);
        return decoded ?? throw outputError!;
    }

    /// <summary>
    /// The demuxers ffmpeg and ffprobe may use: audio containers that read only the given file. Playlists and
    /// reference-following formats (HLS, concat, …) are not among them, so a file cannot make ffmpeg read another.
    /// </summary>
    private const string AllowedFormats = "wav,w64,flac,mp3,ogg,mov,aac,aiff,au,asf,matroska,caf,wv,ape,amr,ac3,eac3,dts,tta,voc,mpc,mpc8";

    /// <summary>
    /// ffmpeg/ffprobe arguments that open exactly <paramref name="path"/>: through the <c>file</c> protocol only (a name
    /// like "pipe:1" or "http:…" is not taken as a protocol, and nothing the file names can open a network or pipe), with
    /// the demuxers of <see cref="AllowedFormats"/>.
    /// </summary>
    internal static IEnumerable<string> InputArguments(string path) =>
        ["-protocol_whitelist", "file", "-format_whitelist", AllowedFormats, "-i", "file:" + Path.GetFullPath(path)];

    private static IEnumerable<string> Arguments(string path) =>
    [
        "-nostdin", "-v", "error",
        .. InputArguments(path),
        "-map", "0:a:0", "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
        "-c:a", "pcm_f32le", "-f", "wav", "-",
    ];

    /// <summary>ffmpeg's streamed WAV: the header from the first bytes, then frames decoded as they arrive.</summary>
    private static (float[] Samples, int SampleRate) ReadWav(Stream stdout, string source)
    {
        var head = new byte[HeaderBytes];
        int n = stdout.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        WavLayout layout = WavHeaderParser.Parse(new MemoryStream(head, 0, n, writable: false), source);
        var pcm = new PrefixedStream(head.AsMemory((int)layout.DataOffset, n - (int)layout.DataOffset), stdout);
        return (WavSampleDecoder.DecodeToEnd(pcm, layout.Format, source), layout.Format.SampleRate);
    }

    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..2000] + " …";
}
