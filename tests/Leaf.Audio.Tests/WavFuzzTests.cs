using Xunit.Abstractions;

namespace Leaf.Audio.Tests;

/// <summary>
/// Seeded mutations of valid WAV files (random bytes, truncation at every header offset and at random ones, header
/// fields set to extreme values, inserted/removed runs): each must decode to finite samples or raise
/// <see cref="AudioFormatException"/> — never another exception, a hang, or an allocation out of proportion to the input.
/// </summary>
public class WavFuzzTests(ITestOutputHelper output)
{
    private const string Source = "fuzz.wav";
    private static readonly AudioLoadOptions Native = new() { SampleRate = null, Ffmpeg = new FfmpegOptions("/nonexistent/ffmpeg", "/nonexistent/ffprobe") };

    private static readonly WavBuilder[] Seeds =
    [
        new() { BitsPerSample = 8, Data = SampleCodes.Pcm(SampleCodes.Random(301, 8, 1), 1), ChunksAfterData = [("LIST", new byte[7])] },
        new() { Channels = 2, SampleRate = 44100, Data = SampleCodes.Pcm(SampleCodes.Random(400, 16, 2), 2), ChunksBeforeData = [("LIST", new byte[21])] },
        new() { BitsPerSample = 24, SampleRate = 48000, Data = SampleCodes.Pcm(SampleCodes.Random(200, 24, 3), 3), ChunksBeforeFmt = [("JUNK", new byte[28])] },
        new() { Subformat = WavBuilder.SubformatFor(1), BitsPerSample = 32, ValidBits = 24, Channels = 3, Data = SampleCodes.Pcm(SampleCodes.Random(300, 24, 4), 4, shift: 8) },
        new() { FormatTag = 3, BitsPerSample = 32, Data = SampleCodes.Float32(Signals.Noise(200, 5)), DataSize = uint.MaxValue },
        new() { Subformat = WavBuilder.SubformatFor(3), BitsPerSample = 64, Channels = 2, Data = SampleCodes.Float64(Signals.Noise(200, 6).Select(x => (double)x).ToArray()) },
        new() { Magic = "RF64", Rf64DataSize = 400, Data = SampleCodes.Pcm(SampleCodes.Random(200, 16, 7), 2), ChunksAfterData = [("LIST", new byte[3])] },
        new() { DataBeforeFmt = true, Data = SampleCodes.Pcm(SampleCodes.Random(100, 16, 8), 2) },
    ];

    // Header byte offsets worth corrupting in a canonical file: RIFF size, fmt fields, chunk ids and sizes.
    private static readonly (int Offset, int Width)[] Fields = [(4, 4), (12, 4), (16, 4), (20, 2), (22, 2), (24, 4), (28, 4), (32, 2), (34, 2), (36, 2), (38, 2), (40, 4), (44, 4), (48, 4), (56, 4), (60, 4)];
    private static readonly ulong[] Extremes = [0, 1, 2, 3, 0x7F, 0x80, 0xFF, 0xFFFE, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF];

    [Fact]
    public void MutatedWavFilesDecodeOrRaiseAudioFormatException()
    {
        var rng = new Random(20210121);
        int decoded = 0, rejected = 0;
        var problems = new Dictionary<string, int>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (WavBuilder seed in Seeds)
        {
            byte[] valid = seed.Build();
            Check(valid, "unmutated", ref decoded, ref rejected, problems, mustDecode: true);
            for (int cut = 0; cut < Math.Min(valid.Length, 120); cut++) Check(valid[..cut], $"truncated at {cut}", ref decoded, ref rejected, problems);
            for (int i = 0; i < 1500; i++)
            {
                (byte[] mutant, string what) = Mutate(valid, rng);
                Check(mutant, what, ref decoded, ref rejected, problems);
            }
        }
        output.WriteLine($"{decoded} decoded, {rejected} rejected in {clock.ElapsedMilliseconds} ms");
        foreach (var (problem, count) in problems.OrderByDescending(p => p.Value)) output.WriteLine($"{count,6} × {problem}");
        Assert.True(decoded > 500 && rejected > 500, $"the mutations should both break and spare files: {decoded} decoded, {rejected} rejected");
    }

    private static (byte[] Bytes, string What) Mutate(byte[] valid, Random rng)
    {
        byte[] b = (byte[])valid.Clone();
        switch (rng.Next(5))
        {
            case 0:
                int flips = rng.Next(1, 5);
                for (int k = 0; k < flips; k++) b[rng.Next(rng.Next(2) == 0 ? Math.Min(64, b.Length) : b.Length)] = (byte)rng.Next(256);
                return (b, $"{flips} random bytes");
            case 1:
                int cut = rng.Next(b.Length);
                return (b[..cut], $"truncated at {cut}");
            case 2:
                var (offset, width) = Fields[rng.Next(Fields.Length)];
                ulong value = rng.Next(3) == 0 ? (ulong)rng.NextInt64() : Extremes[rng.Next(Extremes.Length)];
                for (int k = 0; k < width && offset + k < b.Length; k++) b[offset + k] = (byte)(value >> (8 * k));
                return (b, $"field at {offset} set to 0x{value:X}");
            case 3:
                int at = rng.Next(b.Length), count = rng.Next(1, 9);
                return ([.. b[..at], .. Enumerable.Range(0, count).Select(_ => (byte)rng.Next(256)), .. b[at..]], $"{count} bytes inserted at {at}");
            default:
                int from = rng.Next(b.Length), length = Math.Min(rng.Next(1, 9), b.Length - from);
                return ([.. b[..from], .. b[(from + length)..]], $"{length} bytes removed at {from}");
        }
    }

    private static void Check(byte[] bytes, string what, ref int decoded, ref int rejected, Dictionary<string, int> problems, bool mustDecode = false)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            AudioClip clip = AudioFile.Load(bytes, Native, Source);
            Assert.True(clip.Samples.Length > 0 && clip.Samples.All(float.IsFinite), what);
            using var reader = AudioFile.OpenWav(new MemoryStream(bytes), Source);
            Assert.Equal(clip.Samples, reader.ReadBlocks(37).SelectMany(block => block));
            decoded++;
        }
        catch (AudioFormatException e) when (!mustDecode)
        {
            Assert.True(e.FilePath == Source && e.Message.StartsWith(Source + ": ", StringComparison.Ordinal), $"{what}: {e.Message}");
            rejected++;
            string kind = string.Join(' ', e.Problem.Split(' ').Take(2));
            problems[kind] = problems.GetValueOrDefault(kind) + 1;
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            Assert.Fail($"{what}: {e.GetType().Name}: {e.Message}");
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 1_000_000 + 100L * bytes.Length, $"{what}: allocated {allocated} bytes for a {bytes.Length}-byte file");
    }
}
