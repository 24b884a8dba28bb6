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
    public void Truncated_header() => Rejects("RIFF\x10\0"u8.ToArray(), "truncated header", "6 bytes");

    [Fact]
    public void Header_without_chunks_misses_fmt() => Rejects(Valid.Build()[..12], "missing fmt chunk");

    [Fact]
    public void Fmt_without_data() => Rejects(Valid.Build()[..(12 + 8 + 16)], "missing data chunk");

    [Fact]
    public void Data_of_a_lying_size_before_fmt_hides_fmt() => Rejects((Valid with { DataBeforeFmt = true, DataSize = 0 }).Build(), "missing fmt chunk");

    [Fact]
    public void Truncated_fmt_chunk() => Rejects(Valid.Build()[..(12 + 8 + 10)], "truncated fmt chunk", "declares 16 bytes, only 10 present");

    [Fact]
    public void Fmt_chunk_too_short() => Rejects((Valid with { FmtSize = 14 }).Build(), "fmt chunk too short", "14 bytes");

    [Theory]
    [InlineData(2, "Microsoft ADPCM (format tag 2)")]
    [InlineData(7, "µ-law (format tag 7)")]
    [InlineData(6, "A-law (format tag 6)")]
    [InlineData(0x55, "MPEG Layer 3 (format tag 85)")]
    [InlineData(0x1234, "unknown codec (format tag 4660 = 0x1234)")]
    public void Unsupported_codecs_are_named_with_their_tag(int tag, string description) =>
        Rejects((Valid with { FormatTag = tag }).Build(), "unsupported WAV codec", description);

    [Fact]
    public void Extensible_with_a_non_pcm_subformat_names_the_inner_tag() =>
        Rejects((Valid with { Subformat = WavBuilder.SubformatFor(2) }).Build(), "Microsoft ADPCM (format tag 2)");

    [Fact]
    public void Extensible_with_a_foreign_guid()
    {
        var guid = Guid.Parse("01234567-89ab-cdef-0123-456789abcdef");
        Rejects((Valid with { Subformat = guid }).Build(), "unsupported WAVE_FORMAT_EXTENSIBLE subformat", guid.ToString());
    }

    [Fact]
    public void Extensible_fmt_of_only_16_bytes() => Rejects((Valid with { FormatTag = 0xFFFE }).Build(), "WAVE_FORMAT_EXTENSIBLE fmt chunk too short");

    [Fact]
    public void Empty_data_chunk_has_no_samples() => Rejects((Valid with { Data = [] }).Build(), "no audio samples");

    [Fact]
    public void Data_smaller_than_one_frame_has_no_samples() => Rejects((Valid with { Channels = 2, Data = [1, 2, 3] }).Build(), "no audio samples");

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinite")]
    [InlineData(float.NegativeInfinity, "infinite")]
    public void Non_finite_float_samples_name_the_frame(float bad, string word) =>
        Rejects(new WavBuilder { FormatTag = 3, BitsPerSample = 32, Data = SampleCodes.Float32([0f, 0.5f, bad, 0f]) }.Build(), $"sample at frame 2 is {word}");

    [Fact]
    public void Float64_beyond_float32_range_is_infinite() =>
        Rejects(new WavBuilder { FormatTag = 3, BitsPerSample = 64, Data = SampleCodes.Float64([1e300]) }.Build(), "sample at frame 0 is infinite");

    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public void Absurd_channel_counts(int channels) =>
        Rejects((Valid with { Channels = channels, BlockAlign = 2 }).Build(), $"invalid channel count {channels}");

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]   // a 32 KB file "at 1 Hz" would be hours of audio to resample
    [InlineData(999u)] // just under AudioLimits.MinimumSampleRate
    [InlineData(1_000_001u)]
    [InlineData(uint.MaxValue)]
    public void Absurd_sample_rates(uint rate) => Rejects((Valid with { SampleRate = rate }).Build(), $"invalid sample rate {rate} Hz");

    [Fact]
    public void Block_align_inconsistent_with_channels_and_bits() =>
        Rejects((Valid with { Channels = 2, BlockAlign = 2 }).Build(), "block align 2 is inconsistent with 2 channel(s) × 16 bits (expected 4)");

    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 40)]
    [InlineData(3, 16)]
    [InlineData(3, 24)]
    public void Unsupported_sample_sizes(int tag, int bits) =>
        Rejects((Valid with { FormatTag = tag, BitsPerSample = bits, BlockAlign = 4 }).Build(), $"sample size {bits} bits");

    [Fact]
    public void Big_endian_rifx() => Rejects((Valid with { Magic = "RIFX" }).Build(), "big-endian RIFX");

    [Fact]
    public void Truncated_ds64_in_rf64() => Rejects((Valid with { Magic = "RF64", Rf64DataSize = 8 }).Build()[..30], "truncated ds64 chunk");

    [Fact]
    public void OpenWav_and_ReadInfo_reject_bad_headers_too()
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
    public void A_missing_file_stays_FileNotFoundException()
    {
        string path = Path.Combine(Path.GetTempPath(), $"leaf-no-such-file-{Guid.NewGuid():N}.wav");
        Assert.Throws<FileNotFoundException>(() => AudioFile.Load(path));
        Assert.Throws<FileNotFoundException>(() => AudioFile.ReadInfo(path));
        Assert.Throws<FileNotFoundException>(() => AudioFile.OpenWav(path));
    }

    [Fact]
    public void Non_wav_bytes_without_ffmpeg_say_how_to_install_it()
    {
        var e = Assert.Throws<AudioFormatException>(() => AudioFile.Load("fLaC plus some bytes"u8.ToArray(), Native, "song.flac"));
        Assert.Equal("song.flac", e.FilePath);
        Assert.Contains("'/nonexistent/ffmpeg' was not found", e.Message);
        Assert.Contains("apt-get install ffmpeg", e.Message);
    }

    [Fact]
    public void Invalid_options_are_argument_errors()
    {
        byte[] wav = Valid.Build();
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioFile.Load(wav, new AudioLoadOptions { SampleRate = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioFile.Load(wav, new AudioLoadOptions { SampleRate = 2_000_000 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioFile.Load(wav, new AudioLoadOptions { CropOrPad = new CropOrPadOptions(0, CropMode.Start) }));
    }
}
