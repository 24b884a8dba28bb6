using Leaf.Frontends;
using Leaf.Training.Frontends;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>The numeric checks of docs/frontends.md "Numeric checks" on the TorchSharp LEAF (expected values: float64 re-derivations, 1e-4 relative).</summary>
public class LeafNumericChecksTests
{
    private const double Tolerance = 1e-4;

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected), $"{what}: expected {expected}, got {actual}");

    [Theory]
    [InlineData(300, 4, 11.1986)]
    [InlineData(1000, 13, 9.91742)]
    [InlineData(3000, 26, 11.8257)]
    [InlineData(6000, 36, 12.1915)]
    public void PureToneLandsInTheNearestChannel(double hz, int channel, double pooledMax)
    {
        using var leaf = TestSignals.DefaultLeaf();
        using var scope = NewDisposeScope();
        var frame50 = leaf.PooledEnergies(TestSignals.Tone(hz))[0, .., 50];
        Assert.Equal(channel, frame50.argmax().item<long>());
        Close(pooledMax, frame50.max().item<float>(), $"{hz} Hz pooled max");
    }

    [Theory]
    [InlineData(0, 13, 7.532256, 0.341952)]
    [InlineData(1, 13, 9.903123, 0.431956)]
    [InlineData(50, 13, 9.917424, 0.354976)]
    [InlineData(99, 13, 7.523667, 0.271855)]
    [InlineData(50, 12, 5.098118, double.NaN)]
    [InlineData(50, 14, 1.052930, double.NaN)]
    [InlineData(50, 0, 1.118667e-4, 0.077081)]
    [InlineData(50, 39, double.NaN, 0.169004)]
    public void OneKilohertzTable(int frame, int channel, double pooled, double pcen)
    {
        using var leaf = TestSignals.DefaultLeaf();
        using var scope = NewDisposeScope();
        var tone = TestSignals.Tone(1000);
        if (!double.IsNaN(pooled)) Close(pooled, leaf.PooledEnergies(tone)[0, channel, frame].item<float>(), $"pooled[{frame}, {channel}]");
        if (!double.IsNaN(pcen)) Close(pcen, leaf.forward(tone)[0, frame, channel].item<float>(), $"PCEN[{frame}, {channel}]");
    }

    [Fact]
    public void OneKilohertzChannel39IsAtTheEnergyFloor()
    {
        using var leaf = TestSignals.DefaultLeaf();
        using var scope = NewDisposeScope();
        Assert.True(leaf.PooledEnergies(TestSignals.Tone(1000))[0, 39, 50].item<float>() < 1e-5f);
    }

    [Fact]
    public void LogVariantAtFrame50Channel13()
    {
        using var leaf = new LeafFrontend(new FrontendDescription { Compression = CompressionKind.Log });
        using var scope = NewDisposeScope();
        Close(2.294294, leaf.forward(TestSignals.Tone(1000))[0, 50, 13].item<float>(), "log compression");
    }

    [Fact]
    public void SilenceGivesTheFlooredPcenValueEverywhere()
    {
        using var leaf = TestSignals.DefaultLeaf();
        using var scope = NewDisposeScope();
        var y = leaf.forward(zeros(2, 16000));
        Assert.Equal([2L, 100, 40], y.shape);
        Close(0.207809, y.min().item<float>(), "silence min");
        Close(0.207809, y.max().item<float>(), "silence max");
    }

    [Fact]
    public void ImpulseIsCentredOnFrame50()
    {
        // Frame i is centred on sample 160·i + 80 for T = 16000, so an impulse at 8080 sits in the middle of frame 50.
        using var leaf = TestSignals.DefaultLeaf();
        using var scope = NewDisposeScope();
        var channel20 = leaf.PooledEnergies(TestSignals.Impulse(8080))[0, 20];
        Assert.Equal(50, channel20.argmax().item<long>());
        float before = channel20[49].item<float>(), peak = channel20[50].item<float>(), after = channel20[51].item<float>();
        Close(before, after, "frames 49 and 51");
        // These two are given to 6 decimals: compare to half a unit of the last digit.
        Assert.Equal(0.001693, before, 5e-7);
        Assert.Equal(0.011505, peak, 5e-7);
    }
}
