namespace Leaf.Audio;

/// <summary>Where the external decoders for non-WAV formats live.</summary>
/// <param name="FfmpegPath">The ffmpeg executable: a bare name is looked up on PATH, a path is used as is.</param>
/// <param name="FfprobePath">The ffprobe executable (used by <see cref="AudioFile.ReadInfo(string, FfmpegOptions?)"/> for non-WAV files).</param>
public sealed record FfmpegOptions(string FfmpegPath = "ffmpeg", string FfprobePath = "ffprobe")
{
    /// <summary>ffmpeg and ffprobe from PATH.</summary>
    public static FfmpegOptions Default { get; } = new();
}
