using System.Buffers.Binary;
using Xunit.Abstractions;
using Leaf.Tests;

namespace Leaf.Audio.Tests;

public class WavStreamReaderTests(ITestOutputHelper output)
{
    /// <summary>Sample i of the generated long file: a cheap pseudo-random 16-bit code, different for neighbouring frames.</summary>
    private static short Pattern(long i) => (short)((i * 2654435761L) >> 13);

    [Fact]
    public void ATenSecondWindowOfAOneHourFileIsReadInBoundedMemory()
    {
        const int rate = 16000;
        const long frames = 3600L * rate; // 1 hour of 16 kHz 16-bit mono: 115.2 MB
        using var dir = new TempDirectory();
        string path = dir.File("hour.wav");
        WriteLongWav(path, rate, frames);

        Assert.Equal(frames, AudioFile.ReadInfo(path).Frames);
        long start = 50L * 60 * rate, before = GC.GetAllocatedBytesForCurrentThread();
        float[] window;
        using (WavStreamReader reader = AudioFile.OpenWav(path))
        {
            window = reader.Read(TimeSpan.FromMinutes(50), TimeSpan.FromSeconds(10));
            Assert.Equal(TimeSpan.FromHours(1), reader.Duration);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        output.WriteLine($"opening the file and reading 10 s at minute 50 allocated {allocated} bytes");
        Assert.True(allocated < 10_000_000, $"reading a 10 s window allocated {allocated} bytes");
        Assert.Equal(10 * rate, window.Length);
        for (int i = 0; i < window.Length; i++)
            if (window[i] != Pattern(start + i) / 32768f) Assert.Fail($"frame {start + i}: {window[i]} != {Pattern(start + i) / 32768f}");
    }

    [Fact]
    public void BlocksWindowsAndWholeReadsAgreeAndStopAtTheEnd()
    {
        float[] signal = Signals.Noise(10_007, seed: 1);
        byte[] wav = new WavBuilder { SampleRate = 8000, Data = SampleCodes.Pcm16(signal) }.Build();
        using WavStreamReader reader = AudioFile.OpenWav(new MemoryStream(wav), "noise.wav");
        float[] all = reader.ReadAll();
        Assert.Equal(10_007, all.Length);
        Assert.Equal(all, reader.ReadBlocks(1000).SelectMany(b => b));
        Assert.Equal([1000, 1000, 7], reader.ReadBlocks(1000, startFrame: 8000).Select(b => b.Length));
        Assert.Equal(all[9000..], reader.Read(9000, 5000)); // clipped at the end
        Assert.Empty(reader.Read(10_007, 10));
        Span<float> span = stackalloc float[16];
        Assert.Equal(16, reader.Read(123, span));
        Assert.Equal(all.AsSpan(123, 16), span);
    }

    [Fact]
    public void OutOfRangeReadsAreArgumentErrors()
    {
        using WavStreamReader reader = AudioFile.OpenWav(new MemoryStream(new WavBuilder { Data = new byte[20] }.Build()));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Read(11, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Read(-1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.Read(0, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => reader.ReadBlocks(0));
    }

    [Fact]
    public void AWindowReadWithFilterMarginsResamplesExactlyLikeTheWholeFile()
    {
        float[] signal = Signals.Noise(3 * 48000, seed: 2);
        byte[] wav = new WavBuilder { SampleRate = 48000, FormatTag = 3, BitsPerSample = 32, Data = SampleCodes.Float32(signal) }.Build();
        var resampler = new PolyphaseResampler(48000, 16000);
        float[] whole = resampler.Process(signal);

        // The documented recipe: read HalfLength extra frames on each side, resample, trim. Start on a multiple of M = 3.
        using WavStreamReader reader = AudioFile.OpenWav(new MemoryStream(wav));
        int margin = (resampler.HalfLength + 2) / 3 * 3, start = 48000, length = 48000;
        float[] window = resampler.Process(reader.Read(start - margin, length + 2 * margin));
        float[] trimmed = window[(margin / 3)..(margin / 3 + length / 3)];
        Assert.Equal(whole[(start / 3)..((start + length) / 3)], trimmed);

        // Without margins, only the edges (within HalfLength input samples) differ.
        float[] bare = resampler.Process(reader.Read(start, length));
        int edge = resampler.HalfLength / 3 + 1;
        Assert.Equal(trimmed[edge..^edge], bare[edge..^edge]);
        Assert.NotEqual(trimmed[0], bare[0]);
    }

    private static void WriteLongWav(string path, int rate, long frames)
    {
        byte[] header = new WavBuilder { SampleRate = (uint)rate }.Build(); // 44 bytes with an empty data chunk
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(36 + 2 * frames));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), (uint)(2 * frames));
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        file.Write(header);
        var block = new byte[1 << 20];
        for (long i = 0; i < frames;)
        {
            int n = (int)Math.Min(block.Length / 2, frames - i);
            for (int k = 0; k < n; k++, i++) BinaryPrimitives.WriteInt16LittleEndian(block.AsSpan(2 * k), Pattern(i));
            file.Write(block, 0, 2 * n);
        }
    }
}
