using System.Buffers.Binary;
using System.Text;
using Leaf.Audio;

namespace Leaf.Cli;

/// <summary>
/// Mono samples from a non-seekable byte stream (standard input, piped from ffmpeg or arecord): raw little-endian
/// 16-bit PCM or float32, or a WAV stream (PCM 16-bit or float32, any channel count, mixed to mono by the mean). The
/// samples come at the rate the stream has (<see cref="SampleRate"/> for WAV); resampling is the caller's.
/// </summary>
internal sealed class PcmInput
{
    /// <summary>The encodings <c>--input</c> accepts.</summary>
    public static readonly string[] Formats = ["s16le", "f32le", "wav"];

    private readonly Stream stream;
    private readonly int bytesPerSample, channels;
    private readonly bool isFloat;
    private readonly string source;
    private byte[] bytes = [];
    private int carried;

    private PcmInput(Stream stream, string source, bool isFloat, int channels, int? sampleRate)
    {
        (this.stream, this.source, this.isFloat, this.channels) = (stream, source, isFloat, channels);
        bytesPerSample = isFloat ? 4 : 2;
        SampleRate = sampleRate;
    }

    /// <summary>The rate a WAV header declares; null for raw input (the frontend's rate is assumed).</summary>
    public int? SampleRate { get; }

    /// <summary>Opens <paramref name="stream"/> in <paramref name="format"/> (<see cref="Formats"/>); a WAV header is read now.</summary>
    /// <exception cref="AudioFormatException">The WAV header is not PCM 16-bit or float32, or is cut short.</exception>
    public static PcmInput Open(Stream stream, string format, string source) => format switch
    {
        "s16le" => new(stream, source, isFloat: false, channels: 1, null),
        "f32le" => new(stream, source, isFloat: true, channels: 1, null),
        "wav" => ReadWavHeader(stream, source),
        _ => throw new ArgumentException($"--input {format}: expected one of {string.Join(", ", Formats)}"),
    };

    /// <summary>Reads up to <paramref name="destination"/>.Length mono samples (fewer only at the end of the stream; 0 at its end).</summary>
    public int Read(Span<float> destination)
    {
        int frameBytes = bytesPerSample * channels, wanted = destination.Length * frameBytes;
        if (bytes.Length < wanted) Array.Resize(ref bytes, wanted);
        int have = carried + stream.ReadAtLeast(bytes.AsSpan(carried, wanted - carried), wanted - carried, throwOnEndOfStream: false);
        int frames = have / frameBytes;
        for (int i = 0; i < frames; i++)
        {
            float sum = 0;
            for (int c = 0; c < channels; c++) sum += Sample(bytes.AsSpan((i * channels + c) * bytesPerSample));
            destination[i] = channels == 1 ? sum : sum / channels;
        }
        carried = have - frames * frameBytes; // a partial frame at the end of a read waits for the next one
        bytes.AsSpan(frames * frameBytes, carried).CopyTo(bytes);
        return frames;
    }

    private float Sample(ReadOnlySpan<byte> b)
    {
        float v = isFloat ? BinaryPrimitives.ReadSingleLittleEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b) / 32768f;
        if (!float.IsFinite(v)) throw new AudioFormatException(source, "contains a NaN or infinite sample");
        return v;
    }

    // RIFF/WAVE, then chunks up to "data": "fmt " gives the encoding; the data chunk's size is not trusted (pipes write 0 or −1).
    private static PcmInput ReadWavHeader(Stream stream, string source)
    {
        Span<byte> head = stackalloc byte[12];
        Fill(stream, head, source);
        if (Encoding.ASCII.GetString(head[..4]) != "RIFF" || Encoding.ASCII.GetString(head[8..12]) != "WAVE")
            throw new AudioFormatException(source, "is not a WAV stream (no RIFF/WAVE header); use --input s16le or f32le for raw samples");
        (int Tag, int Channels, int Rate, int Bits)? format = null;
        Span<byte> chunk = stackalloc byte[8];
        while (true)
        {
            Fill(stream, chunk, source);
            string id = Encoding.ASCII.GetString(chunk[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (id == "data")
            {
                if (format is not { } f) throw new AudioFormatException(source, "has its data chunk before its fmt chunk");
                bool isFloat = f.Tag == 3 || (f.Tag == 0xFFFE && f.Bits == 32);
                if (!(isFloat && f.Bits == 32) && !(f.Tag is 1 or 0xFFFE && f.Bits == 16))
                    throw new AudioFormatException(source, $"streams only 16-bit PCM or 32-bit float WAV (format {f.Tag}, {f.Bits} bits); convert it, e.g. with ffmpeg -f s16le");
                return new PcmInput(stream, source, isFloat, f.Channels, f.Rate);
            }
            if (size > 1 << 20) throw new AudioFormatException(source, $"has a {size}-byte '{id}' chunk before its data");
            var body = new byte[size + (size & 1)];
            Fill(stream, body, source);
            if (id == "fmt " && size >= 16)
                format = (BinaryPrimitives.ReadUInt16LittleEndian(body), BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(2)),
                    BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(4)), BinaryPrimitives.ReadUInt16LittleEndian(body.AsSpan(14)));
            if (format is { Channels: < 1 }) throw new AudioFormatException(source, "declares no channels");
        }
    }

    private static void Fill(Stream stream, Span<byte> destination, string source)
    {
        if (stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) < destination.Length)
            throw new AudioFormatException(source, "ends inside its WAV header");
    }
}
