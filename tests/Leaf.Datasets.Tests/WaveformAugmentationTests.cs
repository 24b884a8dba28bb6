using System.Numerics;
using Leaf.Audio;
using Leaf.Datasets.Augmentation;
using Leaf.Tests;

namespace Leaf.Datasets.Tests;

/// <summary>Waveform augmentation: each part from first principles, determinism per (seed, epoch, file), zero strength is the identity.</summary>
public class WaveformAugmentationTests
{
    private static readonly ClipOptions Clip = new() { Length = 4000 };

    private static readonly WaveformAugmentationOptions Everything = new()
    {
        MaxShiftSeconds = 0.05, EqualizerProbability = 1, NoiseProbability = 1, MinSnrDb = 10, MaxSnrDb = 20, MaxGainDb = 6,
    };

    private static float[] Sine(int n, double hz = 440, double amplitude = 0.3) =>
        [.. Enumerable.Range(0, n).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / 16000)))];

    [Fact]
    public void ZeroStrengthIsTheIdentity()
    {
        float[] clip = Sine(6000);
        float[] plain = TrainingCrop.Example(clip, Clip, seed: 1, epoch: 2, fileIndex: 3);
        Assert.True(WaveformAugmentationOptions.None.IsIdentity);
        Assert.Equal(plain, TrainingCrop.Example(clip, Clip, 1, 2, 3, WaveformAugmentationOptions.None));
        // Every part at zero strength, with other settings changed: still the plain crop.
        var zero = new WaveformAugmentationOptions { EqualizerBands = 5, EqualizerMaxGainDb = 20, MinSnrDb = 0, MaxSnrDb = 3 };
        Assert.True(zero.IsIdentity);
        Assert.Equal(plain, TrainingCrop.Example(clip, Clip, 1, 2, 3, zero));
    }

    [Fact]
    public void DrawsDependOnlyOnSeedEpochAndFile()
    {
        float[] clip = Sine(6000);
        float[] a = TrainingCrop.Example(clip, Clip, 1, 2, 3, Everything);
        Assert.Equal(a, TrainingCrop.Example(clip, Clip, 1, 2, 3, Everything));
        Assert.NotEqual(a, TrainingCrop.Example(clip, Clip, 1, 3, 3, Everything));
        Assert.NotEqual(a, TrainingCrop.Example(clip, Clip, 2, 2, 3, Everything));
        Assert.NotEqual(a, TrainingCrop.Example(clip, Clip, 1, 2, 4, Everything));
        Assert.Equal(Clip.Length, a.Length);
        Assert.All(a, x => Assert.True(float.IsFinite(x)));
    }

    [Fact]
    public void ShiftMovesTheSamplesAndFillsTheGapWithZeros()
    {
        float[] ramp = [.. Enumerable.Range(1, 10).Select(i => (float)i)];
        float[] later = [.. ramp];
        WaveformAugmentation.Shift(later, 3);
        Assert.Equal([0, 0, 0, 1, 2, 3, 4, 5, 6, 7], later);
        float[] earlier = [.. ramp];
        WaveformAugmentation.Shift(earlier, -4);
        Assert.Equal([5, 6, 7, 8, 9, 10, 0, 0, 0, 0], earlier);
        float[] gone = [.. ramp];
        WaveformAugmentation.Shift(gone, -12);
        Assert.All(gone, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void ShiftsStayWithinTheLargestShift()
    {
        // A click at sample 2000 lands within ±0.05 s (800 samples) of it, and the draws use both directions.
        float[] click = new float[Clip.Length];
        click[2000] = 1;
        var options = new WaveformAugmentationOptions { MaxShiftSeconds = 0.05 };
        var raw = Clip with { Loudness = null };
        int[] positions = [.. Enumerable.Range(0, 200).Select(f => Array.IndexOf(TrainingCrop.Example(click, raw, 0, 0, f, options), 1f))];
        Assert.All(positions, p => Assert.InRange(p, 1200, 2800));
        Assert.Contains(positions, p => p < 1900);
        Assert.Contains(positions, p => p > 2100);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(10.0)]
    [InlineData(25.0)]
    public void NoiseIsMixedAtTheRequestedSignalToNoiseRatio(double snrDb)
    {
        float[] signal = Sine(16000), noisy = [.. signal];
        float[] noise = Leaf.Datasets.Synthesis.NoiseGenerator.Generate(Leaf.Datasets.Synthesis.NoiseColor.Pink, signal.Length, new DeterministicRandom(5));
        WaveformAugmentation.AddNoise(noisy, noise, snrDb);
        double signalPower = signal.Average(x => (double)x * x);
        double noisePower = signal.Zip(noisy, (s, y) => (double)(y - s) * (y - s)).Average();
        Assert.Equal(snrDb, 10 * Math.Log10(signalPower / noisePower), 2);
        float[] silence = new float[100];
        WaveformAugmentation.AddNoise(silence, noise.AsSpan(0, 100), snrDb);
        Assert.All(silence, x => Assert.Equal(0f, x));
    }

    [Theory]
    [InlineData(1000.0, 1.0, 9.0)]
    [InlineData(150.0, 2.5, -7.0)]
    [InlineData(6000.0, 0.7, 4.0)]
    public void PeakingSectionHasItsGainAtTheCentreAndNoneFarAway(double centre, double q, double gainDb)
    {
        var c = PeakingEqualizer.Coefficients(centre, q, gainDb, 16000);
        Assert.Equal(gainDb, ResponseDb(c, centre), 6);
        Assert.Equal(0, ResponseDb(c, centre > 3000 ? 20 : 7900), 0);   // within 0.5 dB far from the band
        // Filtering a steady sine at the centre scales it by the gain (after the transient).
        float[] sine = Sine(16000, centre, 0.1), filtered = [.. sine];
        PeakingEqualizer.Apply(filtered, c);
        double Rms(float[] x) => Math.Sqrt(x[8000..].Average(v => (double)v * v));
        Assert.Equal(gainDb, 20 * Math.Log10(Rms(filtered) / Rms(sine)), 1);
    }

    [Fact]
    public void GainStaysWithinItsRangeAfterNormalisation()
    {
        float[] clip = Sine(Clip.Length);
        var options = new WaveformAugmentationOptions { MaxGainDb = 6 };
        double plain = LoudnessNormalization.StandardDeviation(TrainingCrop.Example(clip, Clip, 0, 0, 0));
        double[] gains = [.. Enumerable.Range(0, 100).Select(f => 20 * Math.Log10(LoudnessNormalization.StandardDeviation(TrainingCrop.Example(clip, Clip, 0, 0, f, options)) / plain))];
        Assert.All(gains, g => Assert.InRange(g, -6.0001, 6.0001));
        Assert.True(gains.Min() < -4 && gains.Max() > 4, $"gains span {gains.Min():F1}..{gains.Max():F1} dB");
    }

    [Theory]
    [InlineData("shift", -0.1)]
    [InlineData("equaliser probability", 1.5)]
    [InlineData("noise probability", -1.0)]
    [InlineData("random gain", 50.0)]
    public void OutOfRangeValuesAreRefusedByName(string name, double value)
    {
        var options = name switch
        {
            "shift" => new WaveformAugmentationOptions { MaxShiftSeconds = value },
            "equaliser probability" => new WaveformAugmentationOptions { EqualizerProbability = value },
            "noise probability" => new WaveformAugmentationOptions { NoiseProbability = value },
            _ => new WaveformAugmentationOptions { MaxGainDb = value },
        };
        Assert.Contains(name, Assert.Throws<ArgumentException>(() => options.Validated()).Message);
        Assert.Throws<ArgumentException>(() => new WaveformAugmentationOptions { MinSnrDb = 20, MaxSnrDb = 10 }.Validated());
    }

    [Fact]
    public void EvaluationBatchesAreNeverAugmented()
    {
        using var files = new DataTestFiles();
        for (int i = 0; i < 4; i++) files.Wav($"a/{i}.wav", Sine(5000, 300 + 50 * i));
        var dataset = AudioDataset.Load(files.Root, new DatasetOptions { Seed = 1 });
        float[] Windows(WaveformAugmentationOptions augmentation) => [.. new BatchSource(dataset, new BatchSourceOptions { Clip = Clip, Augmentation = augmentation })
            .Evaluation(DatasetSplit.Train, 8).SelectMany(b => b.Waveforms)];
        float[] Training(WaveformAugmentationOptions augmentation) => [.. new BatchSource(dataset, new BatchSourceOptions { Clip = Clip, Augmentation = augmentation })
            .Training(DatasetSplit.Train, 8, seed: 1, epoch: 1).SelectMany(b => b.Waveforms)];
        Assert.Equal(Windows(WaveformAugmentationOptions.None), Windows(Everything));
        Assert.NotEqual(Training(WaveformAugmentationOptions.None), Training(Everything));
    }

    // |H(e^{jω})| in dB of a biquad's coefficients.
    private static double ResponseDb((double B0, double B1, double B2, double A1, double A2) c, double hz)
    {
        var z1 = Complex.FromPolarCoordinates(1, -2 * Math.PI * hz / 16000);
        var z2 = z1 * z1;
        return 20 * Math.Log10(((c.B0 + c.B1 * z1 + c.B2 * z2) / (1 + c.A1 * z1 + c.A2 * z2)).Magnitude);
    }
}
