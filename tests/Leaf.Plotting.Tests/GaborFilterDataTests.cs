using Leaf.Frontends;

namespace Leaf.Plotting.Tests;

public sealed class GaborFilterDataTests
{
    private static readonly FrontendDescription Leaf = FrontendDescription.Default(FrontendKind.Leaf);

    [Fact]
    public void EachResponsePeaksAtItsFiltersCentreFrequency()
    {
        const int fft = 1024;
        double[][] responses = GaborFilterData.Responses(Leaf, fft);
        double[] centers = GaborFilterData.CentersHz(Leaf);
        double binHz = (double)Leaf.SampleRate / fft;
        Assert.Equal(Leaf.FilterCount, responses.Length);
        for (int f = 0; f < responses.Length; f++)
        {
            int peak = Array.IndexOf(responses[f], responses[f].Max());
            Assert.True(Math.Abs(peak * binHz - centers[f]) <= binHz, $"filter {f}: peak at {peak * binHz} Hz, centre {centers[f]} Hz");
        }
        Assert.Equal(0, responses.Max(r => r.Max()), 9);   // dB relative to the largest response
    }

    [Fact]
    public void HalfMagnitudeWidthOfTheResponseIsTheBandwidth()
    {
        const int fft = 4096, filter = 25;
        double binHz = (double)Leaf.SampleRate / fft;
        double[] r = GaborFilterData.Responses(Leaf, fft, floorDb: -200)[filter];
        double peak = r.Max(), half = peak + 20 * Math.Log10(0.5);
        double width = r.Count(v => v >= half) * binHz;
        double expected = GaborFilterData.BandwidthsHz(Leaf)[filter];
        Assert.True(Math.Abs(width - expected) <= 2 * binHz, $"measured {width} Hz, expected {expected} Hz");
    }

    [Fact]
    public void MelMatchedCentresSitOnFftBinsAndRise()
    {
        double[] centers = GaborFilterData.CentersHz(GaborFilterData.Initial(Leaf));
        double binHz = (double)Leaf.SampleRate / Leaf.FftSize;   // η = 2π·argmax/n_fft, so f = argmax·sr/n_fft
        Assert.All(centers, c => Assert.Equal(Math.Round(c / binHz), c / binHz, 4));   // float32 η
        Assert.True(centers.Zip(centers.Skip(1)).All(p => p.Second >= p.First));
        Assert.InRange(centers[^1], 7000, 8000);
    }

    [Fact]
    public void LearnedParametersReplaceTheInitialOnes()
    {
        var learned = Leaf.WithInitialParameters();
        learned.Parameters[ParameterNames.GaborCenter] = ParameterTensor.Vector([.. Enumerable.Repeat((float)(Math.PI / 2), Leaf.FilterCount)]);
        Assert.All(GaborFilterData.CentersHz(learned), c => Assert.Equal(4000, c, 2));   // π/2 rad/sample = sr/4 (float32 π/2)
        Assert.NotEqual(4000, GaborFilterData.CentersHz(GaborFilterData.Initial(learned))[0]);
    }

    [Fact]
    public void OnlyGaborFrontendsHaveFilters()
    {
        Assert.True(GaborFilterData.HasGaborFilters(Leaf));
        Assert.False(GaborFilterData.HasGaborFilters(FrontendDescription.Default(FrontendKind.Mel)));
        var e = Assert.Throws<ArgumentException>(() => FilterbankPlots.Responses(FrontendDescription.Default(FrontendKind.Mel), "unused.png"));
        Assert.Contains("mel", e.Message);
    }
}
