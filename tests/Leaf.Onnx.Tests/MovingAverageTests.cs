using Leaf.Frontends;
using Xunit.Abstractions;

namespace Leaf.Onnx.Tests;

/// <summary>
/// sPCEN's moving average as exported (doubling steps, no Scan/Loop) against the double-precision recursion
/// M[0] = E[0], M[t] = s·E[t] + (1 − s)·M[t−1], for lengths from 1 frame to 2^20 frames and s from 0 to 1.
/// </summary>
public sealed class MovingAverageTests(ITestOutputHelper output)
{
    private static readonly float[] Smoothing = [0f, 1e-4f, 0.04f, 0.5f, 1f];

    // 1 sample → 1 frame; 1 s, 10 s and 10 min at a 10 ms stride.
    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    [InlineData(1000)]
    [InlineData(60000)]
    public void MatchesTheRecursionForEverySmoothingCoefficient(int frames)
    {
        float[] energies = RandomEnergies(Smoothing.Length * frames, seed: frames);
        var (model, bound) = StageModels.MovingAverage(Smoothing, Smoothing.Length);
        Assert.Equal(1 << 20, bound); // s = 0 never decays, so the 2^20-frame bound applies
        float[] actual = StageModels.Run(model, energies, 1, Smoothing.Length, frames);
        double[] expected = LeafReference.MovingAverage(energies, Smoothing.Length, Smoothing);
        for (int c = 0; c < Smoothing.Length; c++)
        {
            double error = Arrays.MaxRelativeError(actual.AsSpan(c * frames, frames), expected.AsSpan(c * frames, frames), 0);
            output.WriteLine($"{frames} frames, s = {Smoothing[c]}: worst relative error {error:E2}");
            Assert.True(error < 1e-6, $"{frames} frames, s = {Smoothing[c]}: relative error {error:E2}");
        }
    }

    [Fact]
    public void IsExactAtTheDefaultBoundOfTwoToTheTwentyFrames()
    {
        const int frames = 1 << 20;
        float[] s = [0f, 1e-4f];
        float[] energies = RandomEnergies(s.Length * frames, seed: 7);
        var (model, bound) = StageModels.MovingAverage(s, s.Length);
        Assert.Equal(frames, bound);
        Assert.Equal(20, ExponentialMovingAverageGraph.Coefficients(s, frames).Count);
        float[] actual = StageModels.Run(model, energies, 1, s.Length, frames);
        double error = Arrays.MaxRelativeError(actual, LeafReference.MovingAverage(energies, s.Length, s), 0);
        output.WriteLine($"2^20 frames, s = 0 and 1e-4: worst relative error {error:E2}");
        Assert.True(error < 1e-6, $"relative error {error:E2}");
    }

    [Fact]
    public void BoundIsRealAndEnforced()
    {
        // Four doubling steps cover exactly 16 frames; with s = 0 frame 16 then loses E[0] entirely.
        float[] energies = RandomEnergies(17, seed: 3);
        var (model, bound) = StageModels.MovingAverage([0f], 1, maxFrames: 16);
        Assert.Equal(16, bound);
        float[] within = StageModels.Run(model, energies[..16], 1, 1, 16);
        Assert.All(within, m => Assert.Equal(energies[0], m));
        float[] beyond = StageModels.Run(model, energies, 1, 1, 17);
        Assert.Equal(0f, beyond[16]);

        var description = FrontendDescription.Default(FrontendKind.Leaf) with
        {
            Parameters = new(StringComparer.Ordinal) { [ParameterNames.PcenSmoothing] = ParameterTensor.Filled(40, 0) },
        };
        using var frontend = new OnnxFrontend(FrontendExporter.Export(description, new() { MaxFrames = 16 }));
        Assert.Equal(16, frontend.Info.MaxFrames);
        Assert.Equal(16, frontend.Featurize(new float[16 * 160]).GetLength(0));
        var error = Assert.Throws<ArgumentException>(() => frontend.Featurize(new float[16 * 160 + 1]));
        Assert.Contains("exact for at most 16 frames (2560 samples), got 2561 samples; re-export with a larger MaxFrames", error.Message);
    }

    [Fact]
    public void DefaultExportIsBoundedByTwoToTheTwentyFramesOnlyWhileTheDecayLasts()
    {
        var slow = FrontendDescription.Default(FrontendKind.Leaf) with
        {
            Parameters = new(StringComparer.Ordinal) { [ParameterNames.PcenSmoothing] = ParameterTensor.Filled(40, 1e-4) },
        };
        var info = OnnxModelInfo.FromBytes(FrontendExporter.Export(slow));
        Assert.Equal(1 << 20, info.MaxFrames);
        info.RequireValidLength((1 << 20) * 160);
        Assert.Throws<ArgumentException>(() => info.RequireValidLength((1 << 20) * 160 + 1));

        // s = 0.04: (0.96)^(2^12) ≈ 1e-73 underflows float32, so 12 steps are exact for any length.
        Assert.Equal(12, ExponentialMovingAverageGraph.Coefficients([0.04f], 1 << 20).Count);
        Assert.Null(OnnxModelInfo.FromBytes(FrontendExporter.Export(FrontendDescription.Default(FrontendKind.Leaf))).MaxFrames);
        Assert.Equal(20, ExponentialMovingAverageGraph.Steps(1 << 20));
        Assert.Equal(21, ExponentialMovingAverageGraph.Steps((1 << 20) + 1));
        Assert.Equal(0, ExponentialMovingAverageGraph.Steps(1));
    }

    // Log-uniform energies over 1e-5 … 1e3 (the floored range of pooled energies), with occasional silence at the floor.
    private static float[] RandomEnergies(int count, int seed)
    {
        var random = new Random(seed);
        var e = new float[count];
        for (int i = 0; i < count; i++) e[i] = random.NextDouble() < 0.1 ? 1e-5f : (float)Math.Pow(10, -5 + 8 * random.NextDouble());
        return e;
    }
}
