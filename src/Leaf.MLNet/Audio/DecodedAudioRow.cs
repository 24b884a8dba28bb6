using Microsoft.ML.Data;

namespace Leaf.MLNet.Audio;

/// <summary>
/// Output row of the audio-decoding custom mapping: the decode error (empty when the file decoded), plus the waveform
/// field that each subclass declares with its own vector size (ML.NET reads sizes only from attributes, which need
/// constants). Public because ML.NET binds its fields by reflection.
/// </summary>
public abstract class DecodedAudioRow
{
    /// <summary>Name of the internal waveform column.</summary>
    public const string WaveformColumnName = "LeafWaveform";

    /// <summary>Name of the internal decode-error column.</summary>
    public const string ErrorColumnName = "LeafDecodeError";

    /// <summary>Why the file could not be decoded, or empty.</summary>
    public string LeafDecodeError = "";

    internal abstract void SetWaveform(float[] samples);
}

/// <summary>A 1 s waveform at 16 kHz.</summary>
public sealed class Waveform1s : DecodedAudioRow
{
    /// <summary>The samples.</summary>
    [VectorType(16000)] public float[] LeafWaveform = [];

    internal override void SetWaveform(float[] samples) => LeafWaveform = samples;
}

/// <summary>A 2 s waveform at 16 kHz.</summary>
public sealed class Waveform2s : DecodedAudioRow
{
    /// <summary>The samples.</summary>
    [VectorType(32000)] public float[] LeafWaveform = [];

    internal override void SetWaveform(float[] samples) => LeafWaveform = samples;
}

/// <summary>A 5 s waveform at 16 kHz.</summary>
public sealed class Waveform5s : DecodedAudioRow
{
    /// <summary>The samples.</summary>
    [VectorType(80000)] public float[] LeafWaveform = [];

    internal override void SetWaveform(float[] samples) => LeafWaveform = samples;
}

/// <summary>A 10 s waveform at 16 kHz.</summary>
public sealed class Waveform10s : DecodedAudioRow
{
    /// <summary>The samples.</summary>
    [VectorType(160000)] public float[] LeafWaveform = [];

    internal override void SetWaveform(float[] samples) => LeafWaveform = samples;
}

/// <summary>A whole clip at 16 kHz (variable length).</summary>
public sealed class WaveformFull : DecodedAudioRow
{
    /// <summary>The samples.</summary>
    [VectorType] public float[] LeafWaveform = [];

    internal override void SetWaveform(float[] samples) => LeafWaveform = samples;
}
