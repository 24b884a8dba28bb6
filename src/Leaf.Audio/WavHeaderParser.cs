using System.Buffers.Binary;
using System.Text;

namespace Leaf.Audio;

/// <summary>
/// Walks the chunks of a RIFF/RF64 WAVE stream to find <c>fmt </c> and <c>data</c>, never trusting a size field
/// beyond the stream's real length. Chunks are word-aligned (odd sizes are followed by a pad byte); unknown chunks
/// (LIST, fact, cue, JUNK, …) are skipped. A <c>data</c> size of 0 or 0xFFFFFFFF (streaming writers) or one larger
/// than the file means "to the end of the file" (as libsndfile does), truncated to whole frames.
/// </summary>
internal static class WavHeaderParser
{
    private const int MaxChannels = 1024;
    private const int FmtBytesRead = 40; // the 16 basic bytes + cbSize, validBits, channelMask, subformat GUID

    // KSDATAFORMAT_SUBTYPE_* GUIDs are {tag}-0000-0010-8000-00AA00389B71: bytes 2..15 after the 16-bit tag.
    private static readonly byte[] SubformatGuidTail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>
    /// Whether <paramref name="head"/> (the first bytes of a file) is a WAV magic: RIFF/RF64/BW64/RIFX, followed by
    /// WAVE when at least 12 bytes are there (a shorter one is a truncated WAV, reported by <see cref="Parse"/>).
    /// </summary>
    public static bool HasWavMagic(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4) return false;
        string magic = Encoding.ASCII.GetString(head[..4]);
        bool riff = magic is "RIFF" or "RF64" or "BW64" or "RIFX";
        return riff && (head.Length < 12 || head[8..12].SequenceEqual("WAVE"u8));
    }

    /// <summary>Parses the header of a seekable stream from its current position.</summary>
    public static WavLayout Parse(Stream stream, string source)
    {
        long origin = stream.Position, length = stream.Length - origin;
        Span<byte> head = stackalloc byte[12];
        if (ReadAt(stream, origin, head) < head.Length)
            throw Error(source, $"truncated header: {length} bytes, a WAV file needs at least 12 (RIFF, size, WAVE)");
        string magic = Encoding.ASCII.GetString(head[..4]);
        if (magic == "RIFX") throw Error(source, "big-endian RIFX WAV is not supported");
        if (magic is not ("RIFF" or "RF64" or "BW64") || !head[8..12].SequenceEqual("WAVE"u8))
            throw Error(source, $"not a RIFF/WAVE file (starts with {Printable(head)})");
        bool rf64 = magic != "RIFF";

        WavFormat? format = null;
        long? ds64DataSize = null;
        (long Offset, long Bytes)? data = null;
        Span<byte> chunkHeader = stackalloc byte[8];
        for (long pos = 12; pos + 8 <= length;)
        {
            ReadAt(stream, origin + pos, chunkHeader);
            string id = Encoding.ASCII.GetString(chunkHeader[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            long body = pos + 8, remaining = length - body;
            if (id == "ds64" && rf64) ds64DataSize = ReadDs64DataSize(stream, origin + body, size, remaining, source);
            else if (id == "fmt " && format is null) format = ParseFmt(stream, origin + body, size, remaining, magic, source);
            else if (id == "data")
            {
                // RF64 writes 0xFFFFFFFF here and the real size in ds64.
                long declared = size == uint.MaxValue && ds64DataSize is long big ? big : size;
                bool toEndOfFile = declared == 0 || (size == uint.MaxValue && ds64DataSize is null) || declared > remaining;
                data = (body, toEndOfFile ? remaining : declared);
                if (toEndOfFile || format is not null) break;
            }
            pos = body + size + (size & 1); // chunks are word-aligned
        }
        if (format is null) throw Error(source, "missing fmt chunk (no 'fmt ' chunk before the end of the file or of the data)");
        if (data is not { } d) throw Error(source, "missing data chunk");
        return new WavLayout(format, origin + d.Offset, d.Bytes / format.BlockAlign);
    }

    private static long ReadDs64DataSize(Stream stream, long at, uint size, long remaining, string source)
    {
        Span<byte> ds64 = stackalloc byte[24]; // RIFF size, data size, sample count (all 64-bit)
        if (size < ds64.Length || remaining < ds64.Length) throw Error(source, $"truncated ds64 chunk ({Math.Min(size, remaining)} bytes, 24 needed)");
        ReadAt(stream, at, ds64);
        long dataSize = BinaryPrimitives.ReadInt64LittleEndian(ds64[8..]);
        return dataSize < 0 ? 0 : dataSize; // a negative size is a lie like any other: read to the end of the file
    }

    private static WavFormat ParseFmt(Stream stream, long at, uint size, long remaining, string container, string source)
    {
        if (size < 16) throw Error(source, $"fmt chunk too short ({size} bytes, at least 16 needed)");
        Span<byte> fmt = stackalloc byte[(int)Math.Min(size, FmtBytesRead)];
        if (remaining < fmt.Length) throw Error(source, $"truncated fmt chunk (declares {size} bytes, only {remaining} present)");
        ReadAt(stream, at, fmt);
        int tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        int codec = tag == WavFormat.ExtensibleTag ? ExtensibleSubformat(fmt, source) : tag;

        WavSampleType type = codec switch
        {
            1 => WavSampleType.Pcm,
            3 => WavSampleType.IeeeFloat,
            _ => throw Error(source, $"unsupported WAV codec {WavCodecNames.Describe(codec)}: only PCM and IEEE float are decoded; " +
                                     "convert it first, e.g. 'ffmpeg -i IN -c:a pcm_s16le OUT.wav'"),
        };
        if (channels is 0 or > MaxChannels) throw Error(source, $"invalid channel count {channels} (must be 1 to {MaxChannels})");
        if (!AudioLimits.IsValidSampleRate(sampleRate)) throw Error(source, $"invalid sample rate {sampleRate} Hz (must be {AudioLimits.SampleRateRange})");
        bool bitsOk = type == WavSampleType.Pcm ? bits is >= 1 and <= 32 : bits is 32 or 64;
        if (!bitsOk)
            throw Error(source, $"unsupported {(type == WavSampleType.Pcm ? "PCM" : "float")} sample size {bits} bits " +
                                $"(supported: {(type == WavSampleType.Pcm ? "1 to 32" : "32 or 64")})");
        int expectedAlign = channels * ((bits + 7) / 8); // samples sit in whole-byte containers
        if (blockAlign != expectedAlign)
            throw Error(source, $"block align {blockAlign} is inconsistent with {channels} channel(s) × {bits} bits (expected {expectedAlign})");
        return new WavFormat(container, type, tag, channels, (int)sampleRate, bits, blockAlign);
    }

    /// <summary>The format tag inside a WAVE_FORMAT_EXTENSIBLE subformat GUID.</summary>
    private static int ExtensibleSubformat(ReadOnlySpan<byte> fmt, string source)
    {
        if (fmt.Length < FmtBytesRead) throw Error(source, $"WAVE_FORMAT_EXTENSIBLE fmt chunk too short ({fmt.Length} bytes, {FmtBytesRead} needed)");
        ReadOnlySpan<byte> guid = fmt[24..40];
        if (!guid[2..].SequenceEqual(SubformatGuidTail))
            throw Error(source, $"unsupported WAVE_FORMAT_EXTENSIBLE subformat {new Guid(guid)}");
        return BinaryPrimitives.ReadUInt16LittleEndian(guid);
    }

    private static int ReadAt(Stream stream, long position, Span<byte> buffer)
    {
        stream.Position = position;
        return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
    }

    /// <summary>The first four bytes in hex and as ASCII, e.g. <c>66 4C 61 43 "fLaC"</c>.</summary>
    private static string Printable(ReadOnlySpan<byte> head)
    {
        byte[] magic = head[..4].ToArray();
        string ascii = new(magic.Select(b => b is >= 32 and < 127 ? (char)b : '.').ToArray());
        return $"{BitConverter.ToString(magic).Replace('-', ' ')} \"{ascii}\"";
    }

    private static AudioFormatException Error(string source, string problem) => new(source, problem);
}
