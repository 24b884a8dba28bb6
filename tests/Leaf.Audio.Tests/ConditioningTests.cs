namespace Leaf.Audio.Tests;

public class ConditioningTests
{
    private static readonly float[] Ramp = Enumerable.Range(0, 100).Select(i => (float)i).ToArray();

    [Fact]
    public void CropsKeepTheStartTheMiddleOrASeededRandomPart()
    {
        Assert.Equal(Ramp[..10], AudioConditioning.CropOrPad(Ramp, new CropOrPadOptions(10, CropMode.Start)));
        Assert.Equal(Ramp[45..55], AudioConditioning.CropOrPad(Ramp, new CropOrPadOptions(10, CropMode.Center)));

        float[] a = AudioConditioning.CropOrPad(Ramp, new CropOrPadOptions(10, CropMode.Random, Seed: 7));
        Assert.Equal(a, AudioConditioning.CropOrPad(Ramp, new CropOrPadOptions(10, CropMode.Random, Seed: 7)));
        int offset = (int)a[0];
        Assert.Equal(Ramp[offset..(offset + 10)], a);

        int[] offsets = Enumerable.Range(0, 500).Select(seed => AudioConditioning.CropOffset(100, new CropOrPadOptions(10, CropMode.Random, seed))).ToArray();
        Assert.All(offsets, o => Assert.InRange(o, 0, 90));
        Assert.True(offsets.Min() <= 2 && offsets.Max() >= 88 && offsets.Distinct().Count() > 60, "random offsets should cover 0…90");
    }

    [Theory]
    [InlineData(CropMode.Start)]
    [InlineData(CropMode.Center)]
    [InlineData(CropMode.Random)]
    public void ShortClipsAreZeroPaddedAtTheEnd(CropMode mode)
    {
        Assert.Equal([1f, 2f, 3f, 0f, 0f], AudioConditioning.CropOrPad([1f, 2f, 3f], new CropOrPadOptions(5, mode)));
        Assert.Equal([1f, 2f, 3f], AudioConditioning.CropOrPad([1f, 2f, 3f], new CropOrPadOptions(3, mode)));
    }

    [Fact]
    public void NonPositiveLengthsAreRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioConditioning.CropOrPad(Ramp, new CropOrPadOptions(0, CropMode.Start)));

    [Fact]
    public void LoudnessBringsTheStandardDeviationTo15DB()
    {
        float[] x = Signals.Noise(16000, seed: 1, amplitude: 0.9); // std ≈ 0.52: gain ≈ 10.8 < 31.6
        double std = PopulationStd(x);
        LoudnessNormalization.Apply(x, LoudnessOptions.Paper);
        Assert.Equal(Math.Pow(10, 15 / 20.0), PopulationStd(x), 1e-5);
        Assert.Equal(Math.Pow(10, 15 / 20.0) / (std + 1e-9), LoudnessNormalization.Gain(Signals.Noise(16000, 1, 0.9), LoudnessOptions.Paper), 1e-9);
    }

    [Fact]
    public void QuietClipsGetAtMost30DBAndSilenceStaysSilent()
    {
        float[] quiet = Signals.Noise(1000, seed: 2, amplitude: 0.01);
        float[] original = (float[])quiet.Clone();
        LoudnessNormalization.Apply(quiet, LoudnessOptions.Paper);
        for (int i = 0; i < quiet.Length; i++) Assert.Equal(original[i] * (float)Math.Pow(10, 30 / 20.0), quiet[i], 1e-6);

        float[] silence = new float[100];
        Assert.Equal(Math.Pow(10, 1.5), LoudnessNormalization.Gain(silence, LoudnessOptions.Paper), 1e-12);
        LoudnessNormalization.Apply(silence, LoudnessOptions.Paper);
        Assert.All(silence, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void CustomTargetAndMaximumGain()
    {
        float[] x = Signals.Noise(4000, seed: 3, amplitude: 0.01);
        LoudnessNormalization.Apply(x, new LoudnessOptions(TargetDb: 0, MaxGainDb: 60));
        Assert.Equal(1.0, PopulationStd(x), 1e-5);
        Assert.Equal(Math.Pow(10, 0.5), LoudnessNormalization.Gain(Signals.Noise(4000, 3, 0.01), new LoudnessOptions(0, MaxGainDb: 10)), 1e-12);
    }

    [Fact]
    public void StandardDeviationIsOverTheWholeClipWithTheMeanRemoved()
    {
        Assert.Equal(1.0, LoudnessNormalization.StandardDeviation([2f, 4f, 2f, 4f]), 1e-12);
        Assert.Equal(0.0, LoudnessNormalization.StandardDeviation([]));
    }

    private static double PopulationStd(float[] x)
    {
        double mean = x.Average(v => (double)v);
        return Math.Sqrt(x.Average(v => (v - mean) * (v - mean)));
    }
}
