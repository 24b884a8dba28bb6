using System.Buffers.Binary;
using System.Text;

namespace Leaf.Audio.Tests;

/// <summary>
/// Test utility: writes WAV bytes with any header field set to any value (right or wrong), extra chunks anywhere,
/// and lying sizes, so the reader can be tested against files no sane writer would produce.
/// </summary>
internal sealed record WavBuilder
{
    public string Magic { get; init; } = "RIFF";
    public uint? RiffSize { get; init; }
    public int FormatTag { get; init; } = 1;
    public int Channels { get; init; } = 1;
    public uint SampleRate { get; init; } = 16000;
    public int BitsPerSample { get; init; } = 16;
    public int? BlockAlign { get; init; }
    /// <summary>Write a 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk with this subformat GUID (FormatTag is then 0xFFFE).</summary>
    public Guid? Subformat { get; init; }
    public int ValidBits { get; init; }
    public uint? FmtSize { get; init; }
    public byte[] Data { get; init; } = [];
    public uint? DataSize { get; init; }
    public bool DataBeforeFmt { get; init; }
    /// <summary>Write an RF64 file: ds64 chunk with this data size, 0xFFFFFFFF in the RIFF and data size fields.</summary>
    public long? Rf64DataSize { get; init; }
    public (string Id, byte[] Body)[] ChunksBeforeFmt { get; init; } = [];
    public (string Id, byte[] Body)[] ChunksBeforeData { get; init; } = [];
    public (string Id, byte[] Body)[] ChunksAfterData { get; init; } = [];

    /// <summary>KSDATAFORMAT_SUBTYPE for a format tag: {tag}-0000-0010-8000-00AA00389B71.</summary>
    public static Guid SubformatFor(int tag) => new((uint)tag, 0x0000, 0x0010, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71);

    public byte[] Build()
    {
        var body = new MemoryStream();
        body.Write("WAVE"u8);
        if (Rf64DataSize is long ds64Size)
        {
            var ds64 = new byte[28];
            BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(0), 0);
            BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(8), ds64Size);
            BinaryPrimitives.WriteInt64LittleEndian(ds64.AsSpan(16), 0);
            WriteChunk(body, "ds64", ds64);
        }
        foreach (var (id, b) in ChunksBeforeFmt) WriteChunk(body, id, b);
        if (DataBeforeFmt) WriteData(body);
        WriteChunk(body, "fmt ", Fmt(), FmtSize);
        foreach (var (id, b) in ChunksBeforeData) WriteChunk(body, id, b);
        if (!DataBeforeFmt) WriteData(body);
        foreach (var (id, b) in ChunksAfterData) WriteChunk(body, id, b);

        var file = new MemoryStream();
        file.Write(Encoding.ASCII.GetBytes(Magic));
        WriteUInt32(file, RiffSize ?? (Rf64DataSize is null ? (uint)body.Length : uint.MaxValue));
        body.WriteTo(file);
        return file.ToArray();
    }

    private void WriteData(Stream s) =>
        WriteChunk(s, "data", Data, DataSize ?? (Rf64DataSize is null ? null : uint.MaxValue));

    private byte[] Fmt()
    {
        int blockAlign = BlockAlign ?? Channels * ((BitsPerSample + 7) / 8);
        var fmt = new byte[Subformat is null ? 16 : 40];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(0), (ushort)(Subformat is null ? FormatTag : 0xFFFE));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), (uint)(SampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)BitsPerSample);
        if (Subformat is Guid guid)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
            BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), (ushort)(ValidBits == 0 ? BitsPerSample : ValidBits));
            BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(20), 0);
            guid.TryWriteBytes(fmt.AsSpan(24));
        }
        return fmt;
    }

    /// <summary>Chunk header (with an optional lying size), body, and a pad byte after an odd-sized body.</summary>
    private static void WriteChunk(Stream s, string id, byte[] body, uint? declaredSize = null)
    {
        s.Write(Encoding.ASCII.GetBytes(id));
        WriteUInt32(s, declaredSize ?? (uint)body.Length);
        s.Write(body);
        if (body.Length % 2 == 1) s.WriteByte(0);
    }

    private static void WriteUInt32(Stream s, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        s.Write(b);
    }
}
