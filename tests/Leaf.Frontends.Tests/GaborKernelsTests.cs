using Leaf.Frontends;
using Leaf.Tests;

namespace Leaf.Frontends.Tests;

/// <summary>docs/frontends.md "Gabor filterbank": Gabor impulse-response sanity and magnitude-response peaks.</summary>
public class GaborKernelsTests
{
    private static readonly (float[] Center, float[] Width) Init = GaborInitialization.MelMatched(40, 16000, 60, 7800, 512);

    // |Σ_t φ(t)·e^{−iωt}| of filter n (t = −200 … 200).
    private static double Magnitude(float[] re, float[] im, int n, double omega)
    {
        double sr = 0, si = 0;
        for (int i = 0; i < 401; i++)
        {
            double t = i - 200, c = Math.Cos(omega * t), s = Math.Sin(omega * t);
            double a = re[n * 401 + i], b = im[n * 401 + i];
            sr += a * c + b * s;
            si += b * c - a * s;
        }
        return Math.Sqrt(sr * sr + si * si);
    }

    [Fact]
    public void CentreValueAndSymmetry()
    {
        var (re, im) = GaborKernels.ImpulseResponses(Init.Center, Init.Width, 401);
        for (int n = 0; n < 40; n++)
        {
            Assert.Equal(1 / (Math.Sqrt(2 * Math.PI) * Init.Width[n]), re[n * 401 + 200], 1e-7);
            Assert.Equal(0f, im[n * 401 + 200]);
            for (int t = 1; t <= 200; t++)
            {
                Assert.Equal(re[n * 401 + 200 + t], re[n * 401 + 200 - t]);
                Assert.Equal(im[n * 401 + 200 + t], -im[n * 401 + 200 - t]);
            }
        }
    }

    [Fact]
    public void MagnitudeResponsePeaksAtTheCentreWithTheSpecsGains()
    {
        var (re, im) = GaborKernels.ImpulseResponses(Init.Center, Init.Width, 401);
        for (int n = 0; n < 40; n++)
        {
            double eta = Init.Center[n];
            double peak = Magnitude(re, im, n, eta);
            double expected = n == 0 ? 0.9634 : n is >= 1 and <= 5 or 8 ? 0.9983 : 1.0000;
            Assert.Equal(expected, peak, 5e-5); // the expected values have four decimals
            Assert.True(Magnitude(re, im, n, eta - 0.01) < peak && Magnitude(re, im, n, eta + 0.01) < peak, $"filter {n} does not peak at η");
        }
    }

    [Fact]
    public void EvenWindowsRunFromMinusHalfToHalfMinusOne()
    {
        var (re, _) = GaborKernels.ImpulseResponses([0f], [3f], 10);
        // t = −5 … 4: the centre tap (t = 0) is index 5 and the envelope is symmetric around it.
        Assert.Equal(1 / (Math.Sqrt(2 * Math.PI) * 3), re[5], 1e-7);
        Assert.Equal(re[4], re[6]);
        Assert.True(re[0] < re[9]);
    }

    [Fact]
    public void ConstraintClipsOutOfRangeParameters()
    {
        var (re, im) = GaborKernels.ImpulseResponses([5f, -1f], [1000f, 0.1f], 401);
        var (clippedRe, clippedIm) = GaborKernels.ImpulseResponses([MathF.PI, 0f], [(float)GaborConstraint.MaxWidth(401), (float)GaborConstraint.MinWidth], 401);
        Assert.True(Golden.MaxRelativeError(re, clippedRe, 1e-9) < 1e-6);
        Assert.True(Golden.MaxRelativeError(im, clippedIm, 1e-9) < 1e-6);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("perturbed")]
    public void DoublePrecisionKernelsAgreeWithTheGoldenFilters(string set)
    {
        using var json = System.Text.Json.JsonDocument.Parse(Golden.ParametersJson(set));
        float[] Floats(string name) => json.RootElement.GetProperty(name).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
        var (re, im) = GaborKernels.ImpulseResponses(Floats("gabor_center_rad"), Floats("gabor_fwhm_param"), 401);
        // The golden filters were computed in float32, whose phase η·t is off by up to ~|η·t|·6e-8 rad: compare against the peak.
        double peak = Golden.Load($"{set}__gabor_filters_real").Data.Max(Math.Abs);
        Assert.True(Golden.MaxRelativeError(re, Golden.Load($"{set}__gabor_filters_real").Data, peak) < 1e-5);
        Assert.True(Golden.MaxRelativeError(im, Golden.Load($"{set}__gabor_filters_imag").Data, peak) < 1e-5);
    }
}
