using Xunit.Abstractions;

namespace Leaf.Audio.Tests;

/// <summary>The resampler's documented response: passband 0…0.45·min(in, out) within 0.1 dB, stopband from the lower Nyquist down ≥ 95 dB.</summary>
public class ResamplerTests(ITestOutputHelper output)
{
    private const double Amplitude = 0.5;

    /// <summary>Resamples a 1 s tone and fits it at the same frequency on the output, away from the edges.</summary>
    private static (double GainDb, double CosinePart, double ResidualDb) Tone(int inputRate, int outputRate, double frequency)
    {
        float[] y = PolyphaseResampler.Resample(Signals.Sine(inputRate, frequency, inputRate, Amplitude), inputRate, outputRate);
        int lo = y.Length / 10, hi = y.Length - lo;
        var (amplitude, cosine, residual) = Signals.FitSine(y, outputRate, frequency, lo, hi);
        return (Signals.Db(amplitude / Amplitude), cosine, Signals.Db(residual / (Amplitude / Math.Sqrt(2))));
    }

    [Theory]
    [InlineData(48000)]
    [InlineData(44100)]
    [InlineData(22050)]
    [InlineData(8000)]
    public void PassbandTonesKeepFrequencyPhaseAndAmplitude(int inputRate)
    {
        double edge = PolyphaseResampler.PassbandEdge * Math.Min(inputRate, 16000);
        foreach (double f in new[] { 1000, edge })
        {
            var (gainDb, cosine, residualDb) = Tone(inputRate, 16000, f);
            output.WriteLine($"{inputRate} → 16000, {f} Hz: gain {gainDb:E2} dB, residual {residualDb:F1} dB");
            Assert.InRange(Math.Abs(gainDb), 0, 0.001); // documented: 0.1 dB
            Assert.InRange(Math.Abs(cosine), 0, 1e-4);  // zero phase: output m sits at input time m·in/out
            Assert.InRange(residualDb, double.NegativeInfinity, -100); // nothing but the tone: frequency kept, no images
        }
    }

    [Theory]
    [InlineData(48000, 9000)]
    [InlineData(48000, 12000)]
    [InlineData(44100, 8100)]
    [InlineData(44100, 20000)]
    [InlineData(22050, 10000)]
    public void TonesAboveTheNewNyquistAreRemovedNotAliased(int inputRate, double frequency)
    {
        float[] y = PolyphaseResampler.Resample(Signals.Sine(inputRate, frequency, inputRate, Amplitude), inputRate, 16000);
        double levelDb = Signals.Db(Signals.Rms(y.AsSpan(1600, y.Length - 3200)) / (Amplitude / Math.Sqrt(2)));
        output.WriteLine($"{inputRate} → 16000, {frequency} Hz: {levelDb:F1} dB");
        Assert.InRange(levelDb, double.NegativeInfinity, -95); // required: −60 dB
    }

    [Fact]
    public void Sweep48kTo16kMeasuresPassbandRippleAndStopbandAttenuation()
    {
        double worstPass = 0, worstStop = double.NegativeInfinity;
        for (double f = 100; f <= 7200; f += 100) worstPass = Math.Max(worstPass, Math.Abs(Tone(48000, 16000, f).GainDb));
        for (double f = 8000; f < 24000; f += 250)
        {
            float[] y = PolyphaseResampler.Resample(Signals.Sine(48000, f, 24000, Amplitude), 48000, 16000);
            worstStop = Math.Max(worstStop, Signals.Db(Signals.Rms(y.AsSpan(800, y.Length - 1600)) / (Amplitude / Math.Sqrt(2))));
        }
        output.WriteLine($"48 kHz → 16 kHz: passband 0.1–7.2 kHz max |deviation| {worstPass:E2} dB; stopband 8–24 kHz worst level {worstStop:F1} dB");
        Assert.InRange(worstPass, 0, 0.001);
        Assert.InRange(worstStop, double.NegativeInfinity, -95);
    }

    [Fact]
    public void UpsamplingRejectsTheImages()
    {
        var (gainDb, _, residualDb) = Tone(8000, 16000, 3000); // the image would sit at 5 kHz
        Assert.InRange(Math.Abs(gainDb), 0, 0.001);
        Assert.InRange(residualDb, double.NegativeInfinity, -100);
    }

    [Fact]
    public void RatiosWithHugePolyphaseTablesComputeTapsOnTheFly()
    {
        var resampler = new PolyphaseResampler(44100, 16001); // L = 16001 branches: too many to cache
        Assert.Equal((16001, 44100), (resampler.Up, resampler.Down));
        float[] y = resampler.Process(Signals.Sine(44100, 1000, 11025, Amplitude));
        var (amplitude, _, residual) = Signals.FitSine(y, 16001, 1000, 800, y.Length - 800);
        Assert.InRange(Math.Abs(Signals.Db(amplitude / Amplitude)), 0, 0.001);
        Assert.InRange(Signals.Db(residual / Amplitude), double.NegativeInfinity, -100);
    }

    [Theory]
    [InlineData(44100, 16000, 44100, 16000)]
    [InlineData(48000, 16000, 10, 4)]
    [InlineData(8000, 16000, 3, 6)]
    [InlineData(22050, 16000, 22050, 16000)]
    public void OutputCoversTheSameDuration(int inputRate, int outputRate, int inputLength, int expected) =>
        Assert.Equal(expected, PolyphaseResampler.Resample(new float[inputLength], inputRate, outputRate).Length);

    [Fact]
    public void DcPassesAtUnitGainOnEveryPhase()
    {
        float[] y = PolyphaseResampler.Resample(Enumerable.Repeat(0.25f, 44100).ToArray(), 44100, 16000);
        foreach (float v in y.AsSpan(500, y.Length - 1000)) Assert.Equal(0.25, v, 1e-6);
    }

    [Fact]
    public void EqualRatesCopyAndBadRatesThrow()
    {
        float[] x = [1, 2, 3];
        float[] y = PolyphaseResampler.Resample(x, 16000, 16000);
        Assert.Equal(x, y);
        Assert.NotSame(x, y);
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyphaseResampler(0, 16000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyphaseResampler(16000, 1_000_001));
    }
}
