namespace Leaf.Audio;

/// <summary>How the samples of a WAV <c>data</c> chunk are encoded.</summary>
public enum WavSampleType
{
    /// <summary>Linear PCM integers (format tag 1): unsigned 8-bit, signed 16/24/32-bit.</summary>
    Pcm,

    /// <summary>IEEE 754 floats (format tag 3): 32 or 64-bit.</summary>
    IeeeFloat,
}
