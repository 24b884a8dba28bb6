namespace Leaf.Audio;

/// <summary>What <see cref="AudioFile.ReadInfo(string, FfmpegOptions?)"/> learns about a file without decoding it.</summary>
/// <param name="Source">The file path.</param>
/// <param name="Format">Human-readable format, e.g. <c>RIFF WAV PCM 16-bit</c> or, for ffmpeg-probed files, the codec name (<c>flac</c>).</param>
/// <param name="Channels">Channel count.</param>
/// <param name="SampleRate">Native sample rate in Hz.</param>
/// <param name="Frames">
/// Frames (samples per channel). Exact for WAV; for other formats estimated as round(duration × rate) from the container.
/// May be 0 for an empty file.
/// </param>
public sealed record AudioInfo(string Source, string Format, int Channels, int SampleRate, long Frames)
{
    /// <summary>Length: frames / rate.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Frames / SampleRate);
}
