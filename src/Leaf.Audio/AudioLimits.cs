namespace Leaf.Audio;

/// <summary>
/// The bounds every reader and command holds audio and clip lengths to, so that no file header, model metadata or
/// argument can make the tool allocate or compute without limit. Messages that refuse a value state the bound.
/// </summary>
public static class AudioLimits
{
    /// <summary>
    /// Lowest sample rate accepted, in Hz: a header claiming less (a 32 KB WAV "at 1 Hz" would be hours of audio to
    /// resample) is refused as a bad file.
    /// </summary>
    public const int MinimumSampleRate = 1_000;

    /// <summary>Highest sample rate accepted, in Hz.</summary>
    public const int MaximumSampleRate = 1_000_000;

    /// <summary>Longest clip, in seconds: a model's scoring window or a training crop.</summary>
    public const int MaximumClipSeconds = 600;

    /// <summary>Whether <paramref name="rate"/> (Hz) is within <see cref="MinimumSampleRate"/> … <see cref="MaximumSampleRate"/>.</summary>
    public static bool IsValidSampleRate(long rate) => rate is >= MinimumSampleRate and <= MaximumSampleRate;

    /// <summary>The accepted sample rates, for messages: "1000 to 1000000 Hz".</summary>
    public static string SampleRateRange => $"{MinimumSampleRate} to {MaximumSampleRate} Hz";

    /// <summary>The longest clip in samples at <paramref name="sampleRate"/> Hz.</summary>
    public static long MaximumClipSamples(int sampleRate) => (long)MaximumClipSeconds * sampleRate;
}
