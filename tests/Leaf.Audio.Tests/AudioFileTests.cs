using Leaf.Tests;

namespace Leaf.Audio.Tests;

/// <summary>The facade: decode → mono → resample → crop/pad → loudness, each only when asked for.</summary>
public class AudioFileTests
{
    /// <summary>2 s of 48 kHz stereo float: a 1 kHz tone of amplitude 0.2 on the left, 0.4 on the right (mono mean: 0.3).</summary>
    private static byte[] StereoTone()
    {
        float[] left = Signals.Sine(48000, 1000, 96000, 0.2), right = Signals.Sine(48000, 1000, 96000, 0.4);
        float[] interleaved = left.Zip(right, (l, r) => new[] { l, r }).SelectMany(p => p).ToArray();
        return new WavBuilder { FormatTag = 3, BitsPerSample = 32, Channels = 2, SampleRate = 48000, Data = SampleCodes.Float32(interleaved) }.Build();
    }

    [Fact]
    public void DefaultsOnlyResampleTo16KHz()
    {
        AudioClip clip = AudioFile.Load(StereoTone());
        Assert.Equal(16000, clip.SampleRate);
        Assert.Equal(32000, clip.Samples.Length);
        Assert.Equal(TimeSpan.FromSeconds(2), clip.Duration);
        Assert.Equal("<memory>", clip.Source);
        var (amplitude, _, _) = Signals.FitSine(clip.Samples, 16000, 1000, 2000, 30000);
        Assert.Equal(0.3, amplitude, 1e-5); // level untouched, channels averaged
    }

    [Fact]
    public void NullSampleRateKeepsTheFileRate()
    {
        AudioClip clip = AudioFile.Load(StereoTone(), new AudioLoadOptions { SampleRate = null });
        Assert.Equal((48000, 96000), (clip.SampleRate, clip.Samples.Length));
    }

    [Fact]
    public void FullPipelineEqualsTheStepsAppliedByHand()
    {
        var options = new AudioLoadOptions
        {
            SampleRate = 16000,
            CropOrPad = new CropOrPadOptions(16000, CropMode.Random, Seed: 11),
            Loudness = LoudnessOptions.Paper,
        };
        AudioClip clip = AudioFile.Load(StereoTone(), options);

        float[] native = AudioFile.Load(StereoTone(), new AudioLoadOptions { SampleRate = null }).Samples;
        float[] expected = AudioConditioning.CropOrPad(PolyphaseResampler.Resample(native, 48000, 16000), options.CropOrPad);
        LoudnessNormalization.Apply(expected, LoudnessOptions.Paper);
        Assert.Equal(expected, clip.Samples);
        Assert.Equal(Math.Pow(10, 15 / 20.0), LoudnessNormalization.StandardDeviation(clip.Samples), 1e-4);
        Assert.Equal(clip.Samples, AudioFile.Load(StereoTone(), options).Samples); // seeded: reproducible
    }

    [Fact]
    public void ShortClipsArePaddedAfterResampling()
    {
        byte[] wav = new WavBuilder { SampleRate = 8000, Data = SampleCodes.Pcm16(Signals.Sine(8000, 500, 4000)) }.Build();
        AudioClip clip = AudioFile.Load(wav, new AudioLoadOptions { CropOrPad = new CropOrPadOptions(16000, CropMode.Center) });
        Assert.Equal(16000, clip.Samples.Length);
        Assert.True(Signals.Rms(clip.Samples.AsSpan(1000, 6000)) > 0.3);
        Assert.All(clip.Samples[8000..], v => Assert.Equal(0f, v));
    }

    [Fact]
    public void PathBytesAndStreamGiveTheSameClip()
    {
        using var dir = new TempDirectory();
        string path = dir.File("tone.wav");
        byte[] bytes = StereoTone();
        File.WriteAllBytes(path, bytes);
        AudioClip fromPath = AudioFile.Load(path);
        Assert.Equal(path, fromPath.Source);
        Assert.Equal(fromPath.Samples, AudioFile.Load(bytes).Samples);
        Assert.Equal(fromPath.Samples, AudioFile.Load(new MemoryStream(bytes), source: "s").Samples);
        Assert.Equal(fromPath.Samples, AudioFile.Load(new ReadOnlyMemory<byte>([0, 0, .. bytes], 2, bytes.Length)).Samples);
    }
}
