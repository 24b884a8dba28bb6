namespace Leaf.Audio;

/// <summary>The decodable description of a WAV file, from its <c>fmt </c> chunk (already validated).</summary>
/// <param name="Container">The file's magic: <c>RIFF</c>, <c>RF64</c> or <c>BW64</c>.</param>
/// <param name="SampleType">PCM or IEEE float (for WAVE_FORMAT_EXTENSIBLE: from its subformat GUID).</param>
/// <param name="FormatTag">The format tag as written: 1 (PCM), 3 (float) or 0xFFFE (extensible).</param>
/// <param name="Channels">Channels per frame, 1 to 1024.</param>
/// <param name="SampleRate">Frames per second, 1 to 1 000 000.</param>
/// <param name="BitsPerSample">Significant bits per sample as written (e.g. 12 in a 16-bit container).</param>
/// <param name="BlockAlign">Bytes per frame: <see cref="Channels"/> × <see cref="BytesPerSample"/>.</param>
public sealed record WavFormat(string Container, WavSampleType SampleType, int FormatTag, int Channels, int SampleRate, int BitsPerSample, int BlockAlign)
{
    /// <summary>WAVE_FORMAT_EXTENSIBLE's format tag.</summary>
    public const int ExtensibleTag = 0xFFFE;

    /// <summary>Bytes per sample of one channel (the container size: PCM is left-justified in it).</summary>
    public int BytesPerSample => BlockAlign / Channels;

    /// <summary>E.g. <c>RIFF WAV PCM 24-bit (extensible)</c>.</summary>
    public override string ToString() =>
        $"{Container} WAV {(SampleType == WavSampleType.Pcm ? "PCM" : "float")} {BitsPerSample}-bit" +
        (FormatTag == ExtensibleTag ? " (extensible)" : "");
}
