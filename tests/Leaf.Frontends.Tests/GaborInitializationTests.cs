using System.Text.Json;
using Leaf.Frontends;
using Leaf.Tests;

namespace Leaf.Frontends.Tests;

/// <summary>docs/frontends.md "Gabor filterbank": the mel-matched initial Gabor parameters.</summary>
public class GaborInitializationTests
{
    // (peak bin, half-maximum bin count) of each of the 40 default filters, re-derived in float64 from the reference's algorithm (docs/frontends.md "Gabor filterbank").
    private static readonly (int Bin, int Fwhm)[] Table =
    [
        (3, 2), (5, 3), (7, 3), (8, 3), (10, 3), (12, 3), (14, 4), (17, 4), (19, 3), (21, 4),
        (24, 4), (27, 5), (30, 5), (33, 5), (36, 6), (40, 5), (44, 6), (48, 7), (52, 7), (57, 7),
        (61, 8), (66, 8), (72, 9), (78, 9), (84, 10), (90, 10), (97, 11), (104, 11), (112, 12), (120, 13),
        (129, 14), (138, 15), (147, 16), (158, 16), (169, 17), (180, 18), (193, 19), (206, 20), (219, 22), (234, 23),
    ];

    private static readonly double Sqrt2Ln2 = Math.Sqrt(2 * Math.Log(2));

    [Fact]
    public void DefaultInitialisationIsTheSpecTable()
    {
        var (center, width) = GaborInitialization.MelMatched(40, 16000, 60, 7800, 512);
        for (int n = 0; n < 40; n++)
        {
            Assert.Equal(Table[n].Bin * 2 * Math.PI / 512, center[n], 1e-6);
            Assert.Equal(Sqrt2Ln2 * 512 / (Math.PI * Table[n].Fwhm), width[n], 1e-4);
        }
        Assert.Equal(95.9440, width[0], 1e-4);
        Assert.Equal(63.9627, width[1], 1e-4);
        Assert.Equal(8.3430, width[39], 1e-4);
        Assert.Equal(1031.25, center[13] * 16000 / (2 * Math.PI), 1e-3);
    }

    [Fact]
    public void DefaultInitialisationEqualsTheReferenceBitForBit()
    {
        using var json = JsonDocument.Parse(Golden.ParametersJson("default"));
        float[] Floats(string name) => json.RootElement.GetProperty(name).EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();
        var (center, width) = GaborInitialization.MelMatched(40, 16000, 60, 7800, 512);
        Assert.Equal(Floats("gabor_center_rad"), center);
        Assert.Equal(Floats("gabor_fwhm_param"), width);
    }

    [Fact]
    public void CentresAreOnTheFftGridMonotoneAndWidthsWithinBounds()
    {
        var (center, width) = GaborInitialization.MelMatched(40, 16000, 60, 7800, 512);
        foreach (float eta in center)
        {
            double hz = eta * 16000 / (2 * Math.PI);
            Assert.Equal(Math.Round(hz / 31.25) * 31.25, hz, 1e-3);
        }
        Assert.True(center.Zip(center.Skip(1)).All(p => p.First < p.Second));
        Assert.All(width, s => Assert.InRange(s, GaborConstraint.MinWidth, GaborConstraint.MaxWidth(401)));
        Assert.Equal(1.499125, GaborConstraint.MinWidth, 1e-6);
        Assert.Equal(150.287281, GaborConstraint.MaxWidth(401), 1e-6);
    }

    [Fact]
    public void LargeFilterCountsGiveTheSpecsClippedAndDuplicatedFilters()
    {
        // docs/frontends.md "Gabor filterbank": N = 64 has four one-bin filters (σ = 191.89 > σ_max); N = 80 duplicates 6 and 7.
        var (_, width64) = GaborInitialization.MelMatched(64, 16000, 60, 7800, 512);
        Assert.Equal([0, 1, 4, 5], Enumerable.Range(0, 64).Where(n => width64[n] > GaborConstraint.MaxWidth(401)));
        Assert.Equal(191.888, width64[0], 1e-3);
        var (center80, width80) = GaborInitialization.MelMatched(80, 16000, 60, 7800, 512);
        Assert.Equal(center80[0], center80[1]);
        Assert.Equal((center80[6], width80[6]), (center80[7], width80[7]));
    }

    [Fact]
    public void OtherSampleRatesRetargetTheCentres()
    {
        // At 24 kHz the grid is 24000/512 = 46.875 Hz and the bands still span 60–7800 Hz.
        var (center, _) = GaborInitialization.MelMatched(40, 24000, 60, 7800, 512);
        foreach (float eta in center)
        {
            double hz = eta * 24000 / (2 * Math.PI);
            Assert.Equal(Math.Round(hz / 46.875) * 46.875, hz, 1e-3);
            Assert.InRange(hz, 60, 7800);
        }
    }
}
