using System.Buffers.Binary;

namespace Leaf.Audio;

/// <summary>Writes mono 16-bit PCM WAV files (the format the synthesised datasets use).</summary>
public static class WavWriter
{
    private const int HeaderBytes = 44;

    /// <summary>
    /// Writes <paramref name="samples"/> (full scale ±1; values outside are clipped) as 16-bit PCM:
    /// s = clamp(round(32768·x), −32768, 32767), the inverse of the WAV reader's s/32768 decoding (exact for multiples of 2^−15).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive sample rate.</exception>
    public static void Write(Stream stream, ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        int dataBytes = checked(samples.Length * 2);
        var bytes = new byte[HeaderBytes + dataBytes];
        Span<byte> h = bytes;
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteInt32LittleEndian(h[4..], HeaderBytes - 8 + dataBytes);
        "WAVEfmt "u8.CopyTo(h[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(h[16..], 16);             // fmt chunk size
        BinaryPrimitives.WriteInt16LittleEndian(h[20..], 1);              // PCM
        BinaryPrimitives.WriteInt16LittleEndian(h[22..], 1);              // mono
        BinaryPrimitives.WriteInt32LittleEndian(h[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(h[28..], sampleRate * 2); // bytes per second
        BinaryPrimitives.WriteInt16LittleEndian(h[32..], 2);              // block align
        BinaryPrimitives.WriteInt16LittleEndian(h[34..], 16);             // bits per sample
        "data"u8.CopyTo(h[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(h[40..], dataBytes);
        for (int i = 0; i < samples.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(h[(HeaderBytes + 2 * i)..], (short)Math.Clamp(Math.Round(32768.0 * samples[i]), short.MinValue, short.MaxValue));
        stream.Write(bytes);
    }

    /// <summary>Writes a WAV file atomically (a hidden temporary file in the same folder, then a rename).</summary>
    public static void Write(string path, ReadOnlySpan<float> samples, int sampleRate)
    {
        float[] copy = samples.ToArray(); // spans cannot enter the lambda
        AtomicFile.Write(path, stream => Write(stream, copy, sampleRate));
    }
}
