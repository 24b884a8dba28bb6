using Leaf.Audio;
using Leaf.Datasets.Synthesis;
using Leaf.Tests;

namespace Leaf.Datasets.Tests;

/// <summary>The pieces of the synthesisers: WAV and MIDI writing, noise, mixing, atomic files, planning, tool checks.</summary>
public class SynthesisPartsTests
{
    [Fact]
    public void WavWriterRoundTripsThroughLeafAudio()
    {
        float[] samples = [0, 1 / 32768f, -0.5f, 0.25f, 32767 / 32768f, -1f, 1.5f, -2f];
        using var stream = new MemoryStream();
        WavWriter.Write(stream, samples, 22050);
        AudioClip clip = AudioFile.Load(stream.ToArray(), new AudioLoadOptions { SampleRate = null });
        Assert.Equal(22050, clip.SampleRate);
        Assert.Equal([0, 1 / 32768f, -0.5f, 0.25f, 32767 / 32768f, -1f, 32767 / 32768f, -1f], clip.Samples); // clipped to 16 bits
        Assert.Equal(44 + 2 * samples.Length, stream.Length);
    }

    [Fact]
    public void AtomicWritesLeaveNoTemporaryFiles()
    {
        using var files = new DataTestFiles();
        string path = files.PathOf("sub/x.bin");
        AtomicFile.Write(path, s => s.Write([1, 2, 3]));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s => { s.Write([9]); throw new InvalidOperationException("fail midway"); }));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(files.PathOf("sub")));
        Assert.True(AtomicFile.IsTemporary("/d/.x.wav.tmp-0123"));
        Assert.False(AtomicFile.IsTemporary("/d/x.wav"));
    }

    [Theory]
    [InlineData(0L, new byte[] { 0x00 })]
    [InlineData(0x7FL, new byte[] { 0x7F })]
    [InlineData(0x80L, new byte[] { 0x81, 0x00 })]
    [InlineData(0x2000L, new byte[] { 0xC0, 0x00 })]
    [InlineData(0x3FFFL, new byte[] { 0xFF, 0x7F })]
    [InlineData(0x4000L, new byte[] { 0x81, 0x80, 0x00 })]
    [InlineData(0x0FFFFFFFL, new byte[] { 0xFF, 0xFF, 0xFF, 0x7F })]
    public void MidiVariableLengthQuantitiesMatchTheStandard(long value, byte[] expected) => // examples from the SMF 1.0 specification
        Assert.Equal(expected, MidiFile.VariableLength(value));

    [Fact]
    public void MidiFileHasHeaderTrackAndTimedEvents()
    {
        byte[] midi = MidiFile.Write(40, [new MidiNote(60, 100, 0.5, 0.25), new MidiNote(62, 90, 0.75, 0.25)]);
        Assert.Equal("MThd"u8.ToArray(), midi[..4]);
        Assert.Equal(new byte[] { 0, 0, 0, 6, 0, 0, 0, 1, 0x01, 0xE0 }, midi[4..14]); // format 0, one track, 480 ticks per quarter
        Assert.Equal("MTrk"u8.ToArray(), midi[14..18]);
        int length = (midi[18] << 24) | (midi[19] << 16) | (midi[20] << 8) | midi[21];
        Assert.Equal(midi.Length - 22, length);
        // 960 ticks per second: note on at 480 ticks (0x83 0x60), off 240 later (0x81 0x70), next on at the same tick.
        byte[] expected = [0x00, 0xC0, 40, 0x83, 0x60, 0x90, 60, 100, 0x81, 0x70, 0x80, 60, 0, 0x00, 0x90, 62, 90, 0x81, 0x70, 0x80, 62, 0, 0x00, 0xFF, 0x2F, 0x00];
        Assert.Equal(expected, midi[22..]);
        Assert.Throws<ArgumentOutOfRangeException>(() => MidiFile.Write(128, []));
    }

    [Fact]
    public void NoiseIsStandardisedAndColouredAsNamed()
    {
        double Lag1(float[] x) => Enumerable.Range(1, x.Length - 1).Sum(i => (double)x[i] * x[i - 1]) / x.Length;
        var noise = Enum.GetValues<NoiseColor>().ToDictionary(c => c, c => NoiseGenerator.Generate(c, 16000, new DeterministicRandom(1)));
        foreach (float[] x in noise.Values)
        {
            Assert.Equal(0, x.Average(v => (double)v), 6);
            Assert.Equal(1, ActiveRegion.Power(x), 4);
        }
        // Lag-1 autocorrelation: ≈ 0 for white, clearly positive for pink (1/f), close to 1 for brown (1/f²).
        Assert.InRange(Lag1(noise[NoiseColor.White]), -0.05, 0.05);
        Assert.InRange(Lag1(noise[NoiseColor.Pink]), 0.3, 0.95);
        Assert.InRange(Lag1(noise[NoiseColor.Brown]), 0.95, 1.0);
        Assert.Equal(noise[NoiseColor.Pink], NoiseGenerator.Generate(NoiseColor.Pink, 16000, new DeterministicRandom(1)));
    }

    [Theory]
    [InlineData(NoiseColor.White, 5.0)]
    [InlineData(NoiseColor.Pink, 20.0)]
    [InlineData(NoiseColor.Brown, 12.5)]
    public void MixingReachesTheSnrAgainstTheActivePartAndThePeak(NoiseColor color, double snr)
    {
        // A tone in the middle half of the clip, silence around it.
        float[] tone = [.. Enumerable.Range(0, 8000).Select(n => n is >= 2000 and < 6000 ? (float)(0.3 * Math.Sin(n * 0.2)) : 0f)];
        var recipe = new MixRecipe(color, snr, Peak: 0.7, NoiseSeed: 42);
        float[] mixed = (float[])tone.Clone();
        recipe.Apply(mixed);

        Assert.Equal(0.7, mixed.Max(Math.Abs), 6);
        // mixed = a·tone + b·noise with a = peak gain and b = a·noise gain; least squares recovers both.
        float[] noise = NoiseGenerator.Generate(color, tone.Length, new DeterministicRandom(42));
        double Dot(float[] u, float[] v) => u.Select((x, i) => (double)x * v[i]).Sum();
        double tt = Dot(tone, tone), nn = Dot(noise, noise), tn = Dot(tone, noise), tm = Dot(tone, mixed), nm = Dot(noise, mixed);
        double det = tt * nn - tn * tn, a = (tm * nn - nm * tn) / det, b = (nm * tt - tm * tn) / det;
        double noisePower = (b / a) * (b / a) * ActiveRegion.Power(noise); // noise power before the peak gain
        Assert.Equal(snr, 10 * Math.Log10(ActiveRegion.Power(tone.AsSpan(2000, 4000)) / noisePower), 2); // the active region may start a sample later
    }

    [Fact]
    public void PlanNumbersFilesAndSplitsEachClass()
    {
        var jobs = SynthesisJob.Plan(["yes", "no"], 20, new SplitFractions(0.7, 0.15, 0.15));
        Assert.Equal(40, jobs.Count);
        Assert.Equal(Enumerable.Range(0, 20), jobs.Where(j => j.Label == "no").Select(j => j.Index));
        Assert.Equal((14, 3, 3), (jobs.Count(j => j.Label == "yes" && j.Split == DatasetSplit.Train),
            jobs.Count(j => j.Label == "yes" && j.Split == DatasetSplit.Valid), jobs.Count(j => j.Label == "yes" && j.Split == DatasetSplit.Test)));
        Assert.Equal("valid/no/no_0015.wav", jobs.Single(j => j.Label == "no" && j.Index == 15).RelativePath);
    }

    [Fact]
    public void MissingToolsNameTheInstallCommandWhenInstallingIsNotAllowed()
    {
        ToolRequirement[] needs = [new("/nonexistent/leaf-test-tool", "leaf-test-package"), new("/nonexistent/x.sf2", "some-soundfont", IsFile: true)];
        Assert.Equal(2, ToolInstaller.Missing(needs).Count);
        var e = Assert.Throws<InvalidOperationException>(() => ToolInstaller.Ensure(needs, install: false));
        Assert.Contains("apt-get install -y leaf-test-package some-soundfont", e.Message, StringComparison.Ordinal);
        Assert.NotNull(new ToolRequirement("sh", "dash").Locate()); // found on PATH
    }

    [Fact]
    public void ActiveRegionTrimsSilenceAtBothEnds()
    {
        float[] x = [0, 0.001f, 0.5f, 0, -1f, 0.2f, 0.005f, 0];
        Assert.Equal((2, 4), ActiveRegion.Find(x, 0.1));
        Assert.Equal((0, 0), ActiveRegion.Find(new float[5], 0.1));
    }
}
