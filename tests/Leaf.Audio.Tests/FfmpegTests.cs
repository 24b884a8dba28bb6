using Leaf.Tests;

namespace Leaf.Audio.Tests;

/// <summary>Formats other than WAV go through ffmpeg; these use real files made by sox and ffmpeg.</summary>
public class FfmpegTests
{
    /// <summary>A 0.5 s stereo 44.1 kHz 16-bit WAV and the same audio as FLAC (lossless).</summary>
    private static (string Wav, string Flac) StereoPair(TempDirectory dir)
    {
        string wav = dir.File("tone.wav"), flac = dir.File("tone.flac");
        Tools.Run("sox", "-n", "-r", "44100", "-b", "16", "-c", "2", wav, "synth", "0.5", "sine", "1000", "sine", "3000", "gain", "-3");
        Tools.Run("sox", wav, flac);
        return (wav, flac);
    }

    [Fact]
    public void FlacDecodesExactlyLikeTheSameAudioAsWav()
    {
        using var dir = new TempDirectory();
        var (wav, flac) = StereoPair(dir);
        AudioClip fromFlac = AudioFile.Load(flac), fromWav = AudioFile.Load(wav);
        Assert.Equal(8000, fromFlac.Samples.Length);
        Assert.Equal(16000, fromFlac.SampleRate);
        Assert.Equal(fromWav.Samples, fromFlac.Samples); // same downmix (mean) and same resampler on both paths
        Assert.Equal(flac, fromFlac.Source);
    }

    [Fact]
    public void EncodedBytesAndStreamsDecodeLikeTheFile()
    {
        using var dir = new TempDirectory();
        var (_, flac) = StereoPair(dir);
        float[] expected = AudioFile.Load(flac).Samples;
        byte[] bytes = File.ReadAllBytes(flac);
        AudioClip fromBytes = AudioFile.Load(bytes, source: "tone.flac");
        Assert.Equal(expected, fromBytes.Samples);
        Assert.Equal("tone.flac", fromBytes.Source);
        Assert.Equal(expected, AudioFile.Load(new MemoryStream(bytes)).Samples);
    }

    [Fact]
    public void FlacNamedWavIsRecognisedByContent()
    {
        using var dir = new TempDirectory();
        var (wav, flac) = StereoPair(dir);
        string disguised = dir.File("disguised.wav");
        File.Copy(flac, disguised);
        Assert.Equal(AudioFile.Load(wav).Samples, AudioFile.Load(disguised).Samples);
    }

    [Fact]
    public void Mp3DecodesLikeFfmpegOwnFloatOutputAndKeepsItsTone()
    {
        using var dir = new TempDirectory();
        string mp3 = dir.File("tone.mp3"), reference = dir.File("reference.wav");
        Tools.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=44100:duration=1", "-c:a", "libmp3lame", "-b:a", "192k", mp3);
        Tools.Run("ffmpeg", "-v", "error", "-i", mp3, "-c:a", "pcm_f32le", reference);

        float[] y = AudioFile.Load(mp3).Samples;
        Assert.Equal(AudioFile.Load(reference).Samples, y);
        var (amplitude, _, residual) = Signals.FitSine(y, 16000, 1000, 4000, 12000);
        Assert.Equal(0, Signals.Db(amplitude / 0.125), 1.0); // lavfi's sine has amplitude 1/8; MP3 is lossy (LAME: −0.4 dB)
        Assert.InRange(Signals.Db(residual / amplitude), double.NegativeInfinity, -40);
    }

    [Fact]
    public void ReadInfoOfFlacComesFromFfprobe()
    {
        using var dir = new TempDirectory();
        var (_, flac) = StereoPair(dir);
        Assert.Equal(new AudioInfo(flac, "flac", 2, 44100, 22050), AudioFile.ReadInfo(flac));
    }

    [Fact]
    public void GarbageIsReportedWithFfmpegError()
    {
        byte[] garbage = Enumerable.Range(0, 4000).Select(i => (byte)(i * 7919 >> 3)).ToArray();
        var e = Assert.Throws<AudioFormatException>(() => AudioFile.Load(garbage, source: "garbage.bin"));
        Assert.Equal("garbage.bin", e.FilePath);
        Assert.Contains("ffmpeg could not decode it (exit code", e.Message);
    }

    [Fact]
    public void AnAdpcmWavMadeByFfmpegIsRejectedWithItsTag()
    {
        using var dir = new TempDirectory();
        string path = dir.File("adpcm.wav");
        Tools.Run("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=duration=0.2", "-c:a", "adpcm_ms", path);
        var e = Assert.Throws<AudioFormatException>(() => AudioFile.Load(path));
        Assert.Contains("Microsoft ADPCM (format tag 2)", e.Message);
        Assert.Contains("ffmpeg -i IN -c:a pcm_s16le OUT.wav", e.Message);
    }

    [Fact]
    public void MissingToolsOnPathSayHowToInstallThem()
    {
        using var dir = new TempDirectory();
        var (_, flac) = StereoPair(dir);
        var options = new FfmpegOptions("leaf-no-such-ffmpeg", "leaf-no-such-ffprobe");
        var load = Assert.Throws<AudioFormatException>(() => AudioFile.Load(flac, new AudioLoadOptions { Ffmpeg = options }));
        Assert.Contains("'leaf-no-such-ffmpeg' was not found", load.Message);
        Assert.Contains("apt-get install ffmpeg", load.Message);
        var info = Assert.Throws<AudioFormatException>(() => AudioFile.ReadInfo(flac, options));
        Assert.Contains("'leaf-no-such-ffprobe' was not found", info.Message);
    }

    [Fact]
    public void CorruptedFlacDecodesOrRaisesAudioFormatException()
    {
        using var dir = new TempDirectory();
        var (_, flac) = StereoPair(dir);
        byte[] valid = File.ReadAllBytes(flac);
        var rng = new Random(42);
        int rejected = 0;
        for (int i = 0; i < 12; i++)
        {
            byte[] b = i % 3 == 0 ? valid[..rng.Next(valid.Length)] : (byte[])valid.Clone();
            if (i % 3 != 0) for (int k = 0; k < 8; k++) b[rng.Next(b.Length)] = (byte)rng.Next(256);
            try
            {
                Assert.All(AudioFile.Load(b, source: "mutant.flac").Samples, v => Assert.True(float.IsFinite(v)));
            }
            catch (AudioFormatException e)
            {
                Assert.Equal("mutant.flac", e.FilePath);
                rejected++;
            }
        }
        Assert.True(rejected > 0, "some corruptions should be reported");
    }
}
