namespace Leaf.MLNet;

/// <summary>
/// How long the waveforms of <see cref="Microsoft.ML.LeafCatalog.LoadAudio"/> are, at <see cref="LoadAudioOptions.SampleRate"/>.
/// A fixed length crops longer clips at their centre and pads shorter ones with zeros at the end, giving a vector column
/// of known size (what trainers need); <see cref="Full"/> keeps every clip whole, giving a variable-size vector column,
/// which <see cref="Microsoft.ML.LeafCatalog.LeafFeaturize"/> (in segments, as variable-length frames or a fixed-size pooled
/// vector) and <see cref="Microsoft.ML.LeafCatalog.ApplyLeafClassifier"/> (in clip windows) take as well.
/// </summary>
/// <remarks>
/// The set is closed because ML.NET saves a custom mapping by a contract name only, and reloads it by creating the
/// class registered under that name with no arguments: each length × error policy × loudness setting is one registered class.
/// </remarks>
public enum ClipLength
{
    /// <summary>1 s (16 000 samples), the paper's clip length.</summary>
    OneSecond,

    /// <summary>2 s (32 000 samples).</summary>
    TwoSeconds,

    /// <summary>5 s (80 000 samples).</summary>
    FiveSeconds,

    /// <summary>10 s (160 000 samples).</summary>
    TenSeconds,

    /// <summary>The whole clip (variable-size vector): whole files of any length, featurized in segments by <see cref="Microsoft.ML.LeafCatalog.LeafFeaturize"/>.</summary>
    Full,
}

/// <summary>Sample counts of <see cref="ClipLength"/>.</summary>
public static class ClipLengthExtensions
{
    /// <summary>Samples at <see cref="LoadAudioOptions.SampleRate"/>, or <see langword="null"/> for <see cref="ClipLength.Full"/>.</summary>
    public static int? Samples(this ClipLength length) => length switch
    {
        ClipLength.OneSecond => LoadAudioOptions.SampleRate,
        ClipLength.TwoSeconds => 2 * LoadAudioOptions.SampleRate,
        ClipLength.FiveSeconds => 5 * LoadAudioOptions.SampleRate,
        ClipLength.TenSeconds => 10 * LoadAudioOptions.SampleRate,
        ClipLength.Full => null,
        _ => throw new ArgumentOutOfRangeException(nameof(length), length, "unknown clip length"),
    };
}
