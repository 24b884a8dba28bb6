namespace Leaf.MLNet;

/// <summary>Options of <see cref="LeafCatalog.LoadAudio"/>; every combination survives <c>mlContext.Model.Save</c> / <c>Load</c>.</summary>
public sealed record LoadAudioOptions
{
    /// <summary>Output sample rate in Hz: files are mixed to mono and resampled to it (the LEAF models' rate).</summary>
    public const int SampleRate = 16000;

    /// <summary>Length policy; default <see cref="ClipLength.OneSecond"/> (a vector of 16 000 samples).</summary>
    public ClipLength Length { get; init; } = ClipLength.OneSecond;

    /// <summary>What to do with files that cannot be decoded; default <see cref="AudioErrorPolicy.Throw"/>.</summary>
    public AudioErrorPolicy OnError { get; init; } = AudioErrorPolicy.Throw;
}
