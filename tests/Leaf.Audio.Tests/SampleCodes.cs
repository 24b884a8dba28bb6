using System.Buffers.Binary;

namespace Leaf.Audio.Tests;

/// <summary>Test utility: encodes integer PCM codes and floats into little-endian sample bytes, and computes the expected mono mix.</summary>
internal static class SampleCodes
{
    /// <summary>Seeded random signed codes in the full range of a <paramref name="bits"/>-bit sample.</summary>
    public static long[] Random(int count, int bits, int seed)
    {
        var rng = new Random(seed);
        long half = 1L << (bits - 1);
        return Enumerable.Range(0, count).Select(_ => rng.NextInt64(-half, half)).ToArray();
    }

    /// <summary>Signed codes as <paramref name="bytesPerSample"/>-byte little-endian samples (8-bit as unsigned, offset 128), optionally shifted left.</summary>
    public static byte[] Pcm(long[] codes, int bytesPerSample, int shift = 0)
    {
        var bytes = new byte[codes.Length * bytesPerSample];
        for (int i = 0; i < codes.Length; i++)
        {
            long v = (codes[i] << shift) + (bytesPerSample == 1 ? 128 : 0);
            for (int b = 0; b < bytesPerSample; b++) bytes[i * bytesPerSample + b] = (byte)(v >> (8 * b));
        }
        return bytes;
    }

    public static byte[] Float32(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        return bytes;
    }

    public static byte[] Float64(double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        return bytes;
    }

    /// <summary>16-bit PCM bytes of a signal in [−1, 1) (rounded, clipped).</summary>
    public static byte[] Pcm16(float[] signal) =>
        Pcm(signal.Select(x => (long)Math.Clamp(Math.Round(x * 32768.0), -32768, 32767)).ToArray(), 2);

    /// <summary>Mean over channels of interleaved values.</summary>
    public static double[] MonoMean(IReadOnlyList<double> interleaved, int channels) =>
        Enumerable.Range(0, interleaved.Count / channels).Select(f => Enumerable.Range(0, channels).Average(c => interleaved[f * channels + c])).ToArray();
}
