namespace Leaf.Audio;

/// <summary>Decoded mono audio: float samples (full scale ±1) at <see cref="SampleRate"/>.</summary>
/// <param name="Samples">Mono samples, nominally in [−1, 1] (loudness normalisation may exceed that).</param>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="Source">The file path or caller-given name it was decoded from.</param>
public sealed record AudioClip(float[] Samples, int SampleRate, string Source)
{
    /// <summary>Length of the clip: samples / rate.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
