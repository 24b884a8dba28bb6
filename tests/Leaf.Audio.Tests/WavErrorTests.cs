using Leaf.Tests;

namespace Leaf.Audio.Tests;

public class WavErrorTests
{
    private const string Source = "bad.wav";
    private static readonly AudioLoadOptions Native = new() { SampleRate = null, Ffmpeg = new FfmpegOptions("/nonexistent/ffmpeg", "/nonexistent/ffprobe") };
    private static readonly WavBuilder Valid = new() { Data = SampleCodes.Pcm([1, 2, 3, 4], 2) };

    /// <summary>Decoding must fail with <see cref="AudioFormatException"/> naming the source and containing every fragment.</summary>
    private static AudioFormatException Rejects(byte[] bytes, params string[] fragments)
    {
        var e = Assert.Throws<AudioFormatException>(() => AudioFile.Load(bytes, Native, Source));
        Assert.Equal(Source, e.FilePath);
        Assert.StartsWith(Source + ": ", e.Message);
        foreach (string f in fragments) Assert.Contains(f, e.Message);
        return e;
    }

    [Fact]
    public void TruncatedHeader() => Rejects("RIFF\x10\0"u8.ToArray(), "truncated header", "6 bytes");

    [Fact]
    public void HeaderWithoutChunksMissesFmt() => Rejects(Valid.Build()[..12], "missing fmt chunk");

    [Fact]
    public void FmtWithoutData() => Rejects(Valid.Build()[..(12 + 8 + 16)], "missing data chunk");

    [Fact]
    public void DataOfALyingSizeBeforeFmtHidesFmt() => Rejects((Valid with { DataBeforeFmt = true, DataSize = 0 }).Build(), "missing fmt chunk");

    [Fact]
    public void TruncatedFmtChunk() => Rejects(Valid.Build()[..(12 + 8 + 10)], "truncated fmt chunk", "declares 16 bytes, only 10 present");

    [Fact]
    public void FmtChunkTooShort() => Rejects((Valid with { FmtSize = 14 }).Build(), "fmt chunk too short", "14 bytes");

    [Theory]
    [InlineData(2, "Microsoft ADPCM (format tag 2)")]
    [InlineData(7, "µ-law (format tag 7)")]
    [InlineData(6, "A-law (format tag 6)")]
    [InlineData(0x55, "MPEG Layer 3 (format tag 85)")]
    [InlineData(0x1234, "unknown codec (format tag 4660 = 0x1234)")]
    public void UnsupportedCodecsAreNamedWithTheirTag(int tag, string description) =>
        Rejects((Valid with { FormatTag = tag }).Build(), "unsupported WAV codec", description);

    [Fact]
    public void ExtensibleWithANonPcmSubformatNamesTheInnerTag() =>
        Rejects((Valid with { Subformat = WavBuilder.SubformatFor(2) }).Build(), "Microsoft ADPCM (format tag 2)");

    [Fact]
    public void ExtensibleWithAForeignGuid()
    {
        var guid = Guid.Parse("01234567-89ab-cdef-0123-456789abcdef");
        Rejects((Valid with { Subformat = guid }).Build(), "unsupported WAVE_FORMAT_EXTENSIBLE subformat", guid.ToString());
    }

    [Fact]
    public void ExtensibleFmtOfOnly16Bytes() => Rejects((Valid with { FormatTag = 0xFFFE }).Build(), "WAVE_FORMAT_EXTENSIBLE fmt chunk too short");

    [Fact]
    public void EmptyDataChunkHasNoSamples() => Rejects((Valid with { Data = [] }).Build(), "no audio samples");

    [Fact]
    public void DataSmallerThanOneFrameHasNoSamples() => Rejects((Valid with { Channels = 2, Data = [1, 2, 3] }).Build(), "no audio samples");

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinite")]
    [InlineData(float.NegativeInfinity, "infinite")]
    public void NonFiniteFloatSamplesNameTheFrame(float bad, string word) =>
        Rejects(new WavBuilder { FormatTag = 3, BitsPerSample = 32, Data = SampleCodes.Float32([0f, 0.5f, bad, 0f]) }.Build(), $"sample at frame 2 is {word}");

    [Fact]
    public void Float64BeyondFloat32RangeIsInfinite() =>
        Rejects(new WavBuilder { FormatTag = 3, BitsPerSample = 64, Data = SampleCodes.Float64([1e300]) }.Build(), "sample at frame 0 is infinite");

    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public void AbsurdChannelCounts(int channels) =>
        Rejects((Valid with { Channels = channels, BlockAlign = 2 }).Build(), $"invalid channel count {channels}");

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]   // a 32 KB file "at 1 Hz" would be hours of audio to resample
    [InlineData(999u)] // just under AudioLimits.MinimumSampleRate
    [InlineData(1_000_001u)]
    [InlineData(uint.MaxValue)]
    public void AbsurdSampleRates(uint rate) => Rejects((Valid with { SampleRate = rate }).Build(), $"invalid sample rate {rate} Hz");

    [Fact]
    public void BlockAlignInconsistentWithChannelsAndBits() =>
        Rejects((Valid with { Channels = 2, BlockAlign = 2 }).Build(), "block align 2 is inconsistent with 2 channel(s) × 16 bits (expected 4)");

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 40)]
    [InlineData(3, 16)]
    [InlineData(3, 24)]
    public void UnsupportedSampleSizes(int tag, int bits) =>
        Rejects((Valid with { FormatTag = tag, BitsPerSample = bits, BlockAlign = 4 }).Build(), $"sample size {bits} bits");

    [Fact]
    public void BigEndianRifx() => Rejects((Valid with { Magic = "RIFX" }).Build(), "big-endian RIFX");

    [Fact]
    public void TruncatedDs64InRf64() => Rejects((Valid with { Magic = "RF64", Rf64DataSize = 8 }).Build()[..30], "truncated ds64 chunk");

    [Fact]
    public void OpenWavAndReadInfoRejectBadHeadersToo()
    {
        using var dir = new TempDirectory();
        string path = dir.File("adpcm.wav");
        File.WriteAllBytes(path, (Valid with { FormatTag = 2 }).Build());
        Assert.Contains("format tag 2", Assert.Throws<AudioFormatException>(() => AudioFile.ReadInfo(path)).Message);
        var e = Assert.Throws<AudioFormatException>(() => AudioFile.OpenWav(path));
        Assert.Equal(path, e.FilePath);
        Assert.Contains("not a RIFF/WAVE file (starts with 66 4C 61 43 \"fLaC\")",
            Assert.Throws<AudioFormatException>(() => AudioFile.OpenWav(new MemoryStream("fLaC\0\0\0\0\0\0\0\0"u8.ToArray()), "x.flac")).Message);
    }

    [Fact]
    public void AMissingFileStaysFileNotFoundException()
    {
        string path = Path.Combine(Path.GetTempPath(), $"leaf-no-such-file-{Guid.NewGuid():N}.wav");
        Assert.Throws<FileNotFoundException>(() => AudioFile.Load(path));
        Assert.Throws<FileNotFoundException>(() => AudioFile.ReadInfo(path));
        Assert.Throws<FileNotFoundException>(() => AudioFile.OpenWav(path));
    }

    [Fact]
    public void NonWavBytesWithoutFfmpegSayHowToInstallIt()
    {
        var e = Assert.Throws<AudioFormatException>(() => AudioFile.Load("fLaC plus some bytes"u8.ToArray(), Native, "song.flac"));
        Assert.Equal("song.flac", e.FilePath);
        Assert.Contains("'/nonexistent/ffmpeg' was not found", e.Message);
        Assert.Contains("apt-get install ffmpeg", e.Message);
    }

    [Fact]
    public void InvalidOptionsAreArgumentErrors()
    {
        byte[] wav = Valid.Build();
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioFile.Load(wav, new AudioLoadOptions { SampleRate = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioFile.Load(wav, new AudioLoadOptions { SampleRate = 2_000_000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioFile.Load(wav, new AudioLoadOptions { CropOrPad = new CropOrPadOptions(0, CropMode.Start) }));
    }
}
