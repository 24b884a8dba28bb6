namespace Leaf.MLNet;

/// <summary>Options of <see cref="Microsoft.ML.LeafCatalog.LoadAudio"/>; every combination survives <c>mlContext.Model.Save</c> / <c>Load</c>.</summary>
public sealed record LoadAudioOptions
{
    /// <summary>Output sample rate in Hz: files are mixed to mono and resampled to it (the LEAF models' rate).</summary>
    public const int SampleRate = 16000;

    /// <summary>Length policy; default <see cref="ClipLength.OneSecond"/> (a vector of 16 000 samples).</summary>
    public ClipLength Length { get; init; } = ClipLength.OneSecond;

    /// <summary>
    /// Apply the paper's loudness normalisation to each (cropped or padded) clip:
    /// gain = min(10^(30/20), 10^(15/20) / (std + 1e−9)) (<see cref="Leaf.Audio.LoudnessOptions.Paper"/>). Default
    /// false (raw levels, what <see cref="Microsoft.ML.LeafCatalog.LeafFeaturize"/>'s golden vectors use); turn it on in front of
    /// <see cref="Microsoft.ML.LeafCatalog.ApplyLeafClassifier"/>, since <c>leaf train</c> normalises every training crop.
    /// With <see cref="ClipLength.Full"/> in front of ApplyLeafClassifier leave it off: its windowed model normalises each window.
    /// </summary>
    public bool NormalizeLoudness { get; init; }

    /// <summary>What to do with files that cannot be decoded; default <see cref="AudioErrorPolicy.Throw"/>.</summary>
    public AudioErrorPolicy OnError { get; init; } = AudioErrorPolicy.Throw;
}
