using System.Buffers;
using System.Buffers.Binary;

namespace Leaf.Audio;

/// <summary>
/// Turns interleaved WAV frames into mono floats: each channel is scaled to full scale ±1, then the channels are
/// averaged. Integers are divided by 2^(container bits − 1) (unsigned 8-bit is offset by 128 first), the
/// libsndfile/soundfile convention; PCM narrower than its container is left-justified, so the same divisor applies.
/// </summary>
internal static class WavSampleDecoder
{
    /// <summary>Bytes per decoding chunk: bounds the memory of streaming reads.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>A reusable read buffer holding a whole number of frames (at least one).</summary>
    public static byte[] CreateBuffer(WavFormat format) => new byte[Math.Max(1, ChunkBytes / format.BlockAlign) * format.BlockAlign];

    /// <summary>Decodes <c>mono.Length</c> frames and rejects NaN/±∞ samples, naming the frame (counted from <paramref name="firstFrame"/>).</summary>
    public static void DecodeMono(ReadOnlySpan<byte> frames, WavFormat format, Span<float> mono, long firstFrame, string source)
    {
        int channels = format.Channels, bytes = format.BytesPerSample;
        Func<ReadOnlySpan<byte>, float> sample = SampleReader(format);
        for (int f = 0; f < mono.Length; f++)
        {
            ReadOnlySpan<byte> frame = frames.Slice(f * format.BlockAlign, format.BlockAlign);
            float sum = 0;
            for (int c = 0; c < channels; c++) sum += sample(frame.Slice(c * bytes, bytes));
            mono[f] = sum / channels; // mix to mono by the mean over channels
            if (!float.IsFinite(mono[f]))
                throw new AudioFormatException(source, $"sample at frame {firstFrame + f} is {(float.IsNaN(mono[f]) ? "NaN" : "infinite")}");
        }
    }

    /// <summary>
    /// Decodes frames from a forward-only stream until it ends (a trailing partial frame is dropped).
    /// Memory grows with the mono output only.
    /// </summary>
    public static float[] DecodeToEnd(Stream pcm, WavFormat format, string source)
    {
        byte[] buffer = CreateBuffer(format);
        var output = new ArrayBufferWriter<float>();
        long frames = 0;
        int read;
        while ((read = pcm.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) >= format.BlockAlign)
        {
            int count = read / format.BlockAlign;
            if (frames + count > Array.MaxLength)
                throw new AudioFormatException(source, $"more than {Array.MaxLength} frames: too long to decode into one array");
            DecodeMono(buffer.AsSpan(0, count * format.BlockAlign), format, output.GetSpan(count)[..count], frames, source);
            output.Advance(count);
            frames += count;
        }
        return output.WrittenSpan.ToArray();
    }

    private static Func<ReadOnlySpan<byte>, float> SampleReader(WavFormat format) => (format.SampleType, format.BytesPerSample) switch
    {
        (WavSampleType.Pcm, 1) => s => (s[0] - 128) / 128f,
        (WavSampleType.Pcm, 2) => s => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
        (WavSampleType.Pcm, 3) => s => ((s[2] << 24 | s[1] << 16 | s[0] << 8) >> 8) / 8388608f, // sign-extend 24 bits
        (WavSampleType.Pcm, 4) => s => (float)(BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0),
        (WavSampleType.IeeeFloat, 4) => s => BinaryPrimitives.ReadSingleLittleEndian(s),
        (WavSampleType.IeeeFloat, 8) => s => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
        _ => throw new InvalidOperationException($"no sample reader for {format}"), // WavHeaderParser admits only the cases above
    };
}
