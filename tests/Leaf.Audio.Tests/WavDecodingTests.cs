using Leaf.Tests;

namespace Leaf.Audio.Tests;

public class WavDecodingTests
{
    private static readonly AudioLoadOptions Native = new() { SampleRate = null, Ffmpeg = new FfmpegOptions("/nonexistent/ffmpeg", "/nonexistent/ffprobe") };

    private static float[] Decode(WavBuilder wav) => AudioFile.Load(wav.Build(), Native, "test.wav").Samples;

    [Theory]
    [InlineData(8, 1)]
    [InlineData(8, 2)]
    [InlineData(16, 1)]
    [InlineData(16, 3)]
    [InlineData(24, 1)]
    [InlineData(24, 2)]
    [InlineData(32, 1)]
    [InlineData(32, 5)]
    public void PcmIsScaledByTwoToTheBitsMinusOneAndAveragedOverChannels(int bits, int channels)
    {
        long[] codes = SampleCodes.Random(300 * channels, bits, seed: bits * 10 + channels);
        float[] mono = Decode(new WavBuilder { BitsPerSample = bits, Channels = channels, Data = SampleCodes.Pcm(codes, bits / 8) });

        double[] expected = SampleCodes.MonoMean(codes.Select(c => c / Math.Pow(2, bits - 1)).ToArray(), channels);
        Assert.Equal(300, mono.Length);
        for (int i = 0; i < mono.Length; i++) Assert.Equal(expected[i], mono[i], 1e-7);
    }

    [Fact]
    public void EightBitPcmIsUnsignedWith128AsZero()
    {
        float[] mono = Decode(new WavBuilder { BitsPerSample = 8, Data = [0, 64, 128, 192, 255] });
        Assert.Equal([-1f, -0.5f, 0f, 0.5f, 127 / 128f], mono);
    }

    [Fact]
    public void SixteenBitExtremesMapToMinusOneAndJustBelowOne()
    {
        float[] mono = Decode(new WavBuilder { Data = SampleCodes.Pcm([-32768, 32767, 0, 1], 2) });
        Assert.Equal([-1f, 32767 / 32768f, 0f, 1 / 32768f], mono);
    }

    [Fact]
    public void Float32AndFloat64KeepTheirValues()
    {
        float[] values = [0.25f, -1f, 0.1f, 1.5f, -3e-8f];
        Assert.Equal(values, Decode(new WavBuilder { FormatTag = 3, BitsPerSample = 32, Data = SampleCodes.Float32(values) }));
        double[] doubles = [0.1, -0.7, 2.5, 1e-30];
        Assert.Equal(doubles.Select(d => (float)d), Decode(new WavBuilder { FormatTag = 3, BitsPerSample = 64, Data = SampleCodes.Float64(doubles) }));
    }

    [Fact]
    public void PcmNarrowerThanItsContainerIsLeftJustified()
    {
        long[] codes = SampleCodes.Random(100, 12, seed: 3); // 12-bit samples in 16-bit containers
        float[] mono = Decode(new WavBuilder { BitsPerSample = 12, Data = SampleCodes.Pcm(codes, 2, shift: 4) });
        Assert.Equal(codes.Select(c => (float)(c / 2048.0)), mono);
    }

    [Fact]
    public void ExtensiblePcm24In32BitContainersAndExtensibleFloatDecode()
    {
        long[] codes = SampleCodes.Random(200, 24, seed: 4);
        float[] pcm = Decode(new WavBuilder { Subformat = WavBuilder.SubformatFor(1), BitsPerSample = 32, ValidBits = 24, Channels = 2, Data = SampleCodes.Pcm(codes, 4, shift: 8) });
        double[] expected = SampleCodes.MonoMean(codes.Select(c => c / 8388608.0).ToArray(), 2);
        for (int i = 0; i < pcm.Length; i++) Assert.Equal(expected[i], pcm[i], 1e-7);

        float[] values = [0.5f, -0.25f, 0.125f];
        Assert.Equal(values, Decode(new WavBuilder { Subformat = WavBuilder.SubformatFor(3), BitsPerSample = 32, Data = SampleCodes.Float32(values) }));
    }

    [Fact]
    public void AThousandChannelsAreAveraged()
    {
        const int channels = 1024;
        long[] codes = SampleCodes.Random(channels * 4, 16, seed: 5);
        float[] mono = Decode(new WavBuilder { Channels = channels, Data = SampleCodes.Pcm(codes, 2) });
        double[] expected = SampleCodes.MonoMean(codes.Select(c => c / 32768.0).ToArray(), channels);
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], mono[i], 1e-6);
    }

    [Fact]
    public void UnknownAndOddSizedChunksAreSkippedWithTheirPadByte()
    {
        long[] codes = [1000, -2000, 3000];
        var wav = new WavBuilder
        {
            ChunksBeforeFmt = [("JUNK", new byte[5]), ("bext", new byte[3])],
            ChunksBeforeData = [("fact", [3, 0, 0, 0]), ("LIST", "INFOISFT\x0007\0\0\0Leaf!!\0"u8.ToArray()), ("odd ", [1, 2, 3, 4, 5, 6, 7])],
            ChunksAfterData = [("LIST", new byte[9]), ("cue ", new byte[4])],
            Data = SampleCodes.Pcm(codes, 2),
        };
        Assert.Equal(codes.Select(c => c / 32768f), Decode(wav));
    }

    [Fact]
    public void AnOddSizedDataChunkIsFollowedByItsPadAndMoreChunks()
    {
        var wav = new WavBuilder { BitsPerSample = 8, Data = [10, 20, 30, 40, 50], ChunksAfterData = [("LIST", new byte[12])] };
        Assert.Equal(new byte[] { 10, 20, 30, 40, 50 }.Select(b => (b - 128) / 128f), Decode(wav));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(uint.MaxValue)]
    [InlineData(1_000_000u)]
    public void ALyingDataSizeMeansUpToTheEndOfTheFileInWholeFrames(uint declared)
    {
        long[] codes = SampleCodes.Random(2 * 50, 16, seed: 6);
        byte[] data = [.. SampleCodes.Pcm(codes, 2), 0x11, 0x22]; // 50 stereo frames + half of a frame
        float[] mono = Decode(new WavBuilder { Channels = 2, Data = data, DataSize = declared });
        Assert.Equal(50, mono.Length);
        Assert.Equal(SampleCodes.MonoMean(codes.Select(c => c / 32768.0).ToArray(), 2).Select(v => (float)v), mono);
    }

    [Fact]
    public void ATruthfulDataSizeStopsBeforeTrailingChunks()
    {
        var wav = new WavBuilder { Data = SampleCodes.Pcm([100, 200, 300, 400], 2), DataSize = 6, ChunksAfterData = [("LIST", new byte[20])] };
        Assert.Equal([100 / 32768f, 200 / 32768f, 300 / 32768f], Decode(wav));
    }

    [Fact]
    public void ADataChunkBeforeFmtIsStillFound()
    {
        var wav = new WavBuilder { DataBeforeFmt = true, Data = SampleCodes.Pcm([5, -5, 7], 2) };
        Assert.Equal([5 / 32768f, -5 / 32768f, 7 / 32768f], Decode(wav));
    }

    [Fact]
    public void Rf64TakesTheDataSizeFromDs64()
    {
        long[] codes = [1, 2, 3, 4, 5, 6];
        var wav = new WavBuilder { Magic = "RF64", Rf64DataSize = 8, Data = SampleCodes.Pcm(codes, 2), ChunksAfterData = [("LIST", new byte[4])] };
        Assert.Equal([1 / 32768f, 2 / 32768f, 3 / 32768f, 4 / 32768f], Decode(wav));
        var lying = wav with { Rf64DataSize = 1L << 40, ChunksAfterData = [] };
        Assert.Equal(codes.Select(c => c / 32768f), Decode(lying));
    }

    [Fact]
    public void WavIsDetectedByItsMagicNotItsExtension()
    {
        using var dir = new TempDirectory();
        string path = dir.File("actually-a-wav.mp3");
        File.WriteAllBytes(path, new WavBuilder { Data = SampleCodes.Pcm([1, 2], 2) }.Build());
        AudioClip clip = AudioFile.Load(path, Native); // ffmpeg is deliberately unreachable: it must not be needed
        Assert.Equal([1 / 32768f, 2 / 32768f], clip.Samples);
        Assert.Equal(path, clip.Source);
    }

    [Fact]
    public void ReadInfoReportsTheHeaderWithoutDecoding()
    {
        using var dir = new TempDirectory();
        string path = dir.File("info.wav");
        File.WriteAllBytes(path, new WavBuilder { Subformat = WavBuilder.SubformatFor(1), Channels = 3, SampleRate = 44100, BitsPerSample = 24, Data = new byte[3 * 3 * 441] }.Build());
        AudioInfo info = AudioFile.ReadInfo(path);
        Assert.Equal(new AudioInfo(path, "RIFF WAV PCM 24-bit (extensible)", 3, 44100, 441), info);
        Assert.Equal(TimeSpan.FromMilliseconds(10), info.Duration);
    }
}
