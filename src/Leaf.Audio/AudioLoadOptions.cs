namespace Leaf.Audio;

/// <summary>
/// How <see cref="AudioFile"/> turns a file into model input. Every conditioning step is explicit:
/// the defaults only resample to 16 kHz; crop/pad and loudness normalisation are off unless set.
/// The steps run in the order decode → mix to mono (mean) → resample → crop/pad → loudness normalisation.
/// </summary>
public sealed record AudioLoadOptions
{
    /// <summary>Output sample rate in Hz (1 to 1 000 000); <see langword="null"/> keeps the file's own rate. Default 16 000.</summary>
    public int? SampleRate { get; init; } = 16000;

    /// <summary>Crop or zero-pad to a fixed length; <see langword="null"/> (default) keeps the whole clip.</summary>
    public CropOrPadOptions? CropOrPad { get; init; }

    /// <summary>Loudness normalisation; <see langword="null"/> (default) leaves the level alone. Use <see cref="LoudnessOptions.Paper"/> for the paper's.</summary>
    public LoudnessOptions? Loudness { get; init; }

    /// <summary>External decoders for formats other than WAV.</summary>
    public FfmpegOptions Ffmpeg { get; init; } = FfmpegOptions.Default;

    /// <summary>Resample to 16 kHz and nothing else.</summary>
    public static AudioLoadOptions Default { get; } = new();
}
