using Leaf.Frontends;
using Leaf.Tests;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using Microsoft.ML.OnnxRuntime;
using Xunit.Abstractions;

namespace Leaf.Onnx.Tests;

/// <summary>
/// The fast LEAF export (<see cref="LeafAlgorithm.Fast"/>) against the exact export, which stays the reference: pooled
/// energies and final features within 1e-4 relative wherever the exact pooled energy is above the 1e-5 clamp (below it,
/// both are clamped), on the golden inputs and random audio, for the initial, the golden perturbed and randomly
/// "trained" parameters, over lengths from one sample to several blocks and batches of several clips.
/// </summary>
/// <remarks>
/// Features are compared relative to max(|exact|, 0.02), the float32 resolution floor of sPCEN's output used by
/// <see cref="GoldenTests"/>: the output is the difference of two numbers near √δ, so a feature of 1e-3 carries 1e-4 of
/// float32 rounding in the exact model itself (tone1k's far channels: 1.4–2.5e-4 without the floor, from pooled
/// energies within 2.4e-5).
/// </remarks>
public sealed class FastLeafTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4, OutputFloor = 0.02;

    [Theory]
    [InlineData("default")]
    [InlineData("perturbed")]
    public void FastPooledEnergiesAndFeaturesMatchExactOnGoldenInputs(string set)
    {
        using var models = new ModelPair(GoldenDescriptions.For(set));
        foreach (var input in new[] { "tone1k", "chirp", "clicks", "noise", "silence" })
        {
            var (waveform, _) = Golden.Load($"{input}__input");
            Compare($"{set}/{input}", models, [waveform]);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    public void FastMatchesExactForTrainedLikeParametersOnRandomAudio(int seed, int batch)
    {
        var random = new Random(seed);
        using var models = new ModelPair(TrainedLike.Leaf(random));
        foreach (int length in new[] { 1, 159, 161, 3361, 16001, 40000 })
            Compare($"seed {seed}, {batch} x {length}", models, [.. Enumerable.Range(0, batch).Select(_ => TrainedLike.Noise(random, length))]);
    }

    [Fact]
    public void FastMatchesExactForOtherConfigurations()
    {
        var random = new Random(4);
        var configurations = new[]
        {
            FrontendDescription.Default(FrontendKind.Leaf) with { SampleRate = 8000, MaxFrequency = 3900, FilterCount = 24, PreEmphasis = true },
            FrontendDescription.Default(FrontendKind.Leaf) with { Compression = CompressionKind.Log },
            FrontendDescription.Default(FrontendKind.Leaf) with { InstanceNorm = true },
            FrontendDescription.Default(FrontendKind.Leaf) with { GaborInit = GaborInitKind.Analytic, FilterCount = 64 },
        };
        foreach (var d in configurations)
        {
            using var models = new ModelPair(d.WithInitialParameters());
            // Instance-normalised features have unit standard deviation per channel and cross zero: errors are measured on that scale.
            double outputFloor = d.InstanceNorm ? 1 : OutputFloor;
            foreach (int length in new[] { 1, 5000 })
                Compare($"{d.SampleRate} Hz, {d.FilterCount} {d.GaborInit}, {d.Compression}, pre-emphasis {d.PreEmphasis}, norm {d.InstanceNorm}, {length}",
                    models, [TrainedLike.Noise(random, length), TrainedLike.Noise(random, length)], outputFloor);
        }
    }

    [Fact]
    public void FastExportMatchesTheTorchSharpModuleInDoublePrecision()
    {
        // The training-time module in float64 is the exact function; the fast export holds the 1e-4 against it.
        var random = new Random(6);
        foreach (var set in Golden.ParameterSets)
        {
            var d = GoldenDescriptions.For(set).WithInitialParameters();
            using var fast = new OnnxFrontend(FrontendExporter.Export(d, new FrontendExportOptions { LeafAlgorithm = LeafAlgorithm.Fast }));
            foreach (int length in new[] { 1, 161, 16001 })
            {
                float[] waveform = TrainedLike.Noise(random, length);
                double[] reference = TorchReference.Featurize(d, waveform, 1, TorchSharp.torch.ScalarType.Float64);
                double error = Arrays.MaxRelativeError(Arrays.Flatten(fast.Featurize(waveform)), reference, TorchReference.ErrorFloor(d));
                output.WriteLine($"{set}/{length}: fast ONNX vs float64 TorchSharp {error:E2}");
                Assert.True(error < Tolerance, $"{set}/{length}: {error:E2}");
            }
        }
    }

    [Fact]
    public void FastExportPassesTheOnnxChecker()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "fast.onnx");
        FrontendExporter.ExportToFile(FrontendDescription.Default(FrontendKind.Leaf), path, new FrontendExportOptions { LeafAlgorithm = LeafAlgorithm.Fast });
        var report = Assert.Single(OnnxChecker.Check([path]));
        Assert.True(report.Ok, report.Error);
        Assert.Contains("MatMul", report.Ops);
    }

    [Fact]
    public void DefaultExportIsExact()
    {
        var d = FrontendDescription.Default(FrontendKind.Leaf);
        Assert.Equal(FrontendExporter.Export(d), FrontendExporter.Export(d, new FrontendExportOptions { LeafAlgorithm = LeafAlgorithm.Exact }));
        Assert.NotEqual(FrontendExporter.Export(d), FrontendExporter.Export(d, new FrontendExportOptions { LeafAlgorithm = LeafAlgorithm.Fast }));
    }

    [Fact]
    public void EveryChannelIsBandedOnceOrDirect()
    {
        var d = FrontendDescription.Default(FrontendKind.Leaf).WithInitialParameters();
        var plan = FastLeafPlan.Create(d.Values(ParameterNames.GaborCenter), d.Values(ParameterNames.GaborWidth), d.Values(ParameterNames.PoolingWidth), d.WindowLength, d.Stride);
        Assert.Equal(Enumerable.Range(0, d.FilterCount), plan.Classes.SelectMany(c => c.Channels).Concat(plan.DirectChannels).Order());
        Assert.All(plan.Classes, c => Assert.Equal(c.Transform, c.Rows * c.Columns));
        // The initial filters whose σ ≥ 64 (wide Gaussians cut hard by the 401-tap window) are left to the convolution.
        Assert.Equal([0, 1, 2, 3, 4, 5, 8], plan.DirectChannels);
        Assert.Equal(21, plan.FramesPerBlock);
    }

    private void Compare(string name, ModelPair models, float[][] clips, double outputFloor = OutputFloor)
    {
        int length = clips[0].Length;
        float[] flat = [.. clips.SelectMany(c => c)];
        float[] exactPooled = StageModels.Run(models.ExactPooled, flat, clips.Length, length);
        float[] fastPooled = StageModels.Run(models.FastPooled, flat, clips.Length, length);
        Assert.Equal(exactPooled.Length, fastPooled.Length);
        double pooledError = MaxRelativeErrorAboveClamp(fastPooled, exactPooled, exactPooled, models.Clamp);

        float[] exactFeatures = Arrays.Flatten(models.Exact.FeaturizeBatch(clips)), fastFeatures = Arrays.Flatten(models.Fast.FeaturizeBatch(clips));
        // Features are [batch, frames, N]; the pooled energies [batch, N, frames] mark which values are above the clamp.
        int n = models.Exact.Channels, frames = exactPooled.Length / clips.Length / n;
        var pooledAt = new float[exactFeatures.Length];
        for (int b = 0; b < clips.Length; b++)
            for (int f = 0; f < frames; f++)
                for (int c = 0; c < n; c++)
                    pooledAt[(b * frames + f) * n + c] = exactPooled[(b * n + c) * frames + f];
        double featureError = MaxRelativeErrorAboveClamp(fastFeatures, exactFeatures, pooledAt, models.Clamp, outputFloor);
        output.WriteLine($"{name}: pooled {pooledError:E2}, features {featureError:E2}");
        Assert.True(pooledError < Tolerance, $"{name}: pooled energies off by {pooledError:E2}");
        Assert.True(featureError < Tolerance, $"{name}: features off by {featureError:E2}");
    }

    // The exact and fast exports of one description: pooled-energy stage models and whole frontends.
    private sealed class ModelPair(FrontendDescription d) : IDisposable
    {
        public InferenceSession ExactPooled { get; } = StageModels.Session(StageModels.PooledEnergies(d));
        public InferenceSession FastPooled { get; } = StageModels.Session(StageModels.PooledEnergies(d, LeafAlgorithm.Fast));
        public OnnxFrontend Exact { get; } = new(FrontendExporter.Export(d));
        public OnnxFrontend Fast { get; } = new(FrontendExporter.Export(d, new FrontendExportOptions { LeafAlgorithm = LeafAlgorithm.Fast }));
        public double Clamp => d.EnergyFloor;

        public void Dispose()
        {
            ExactPooled.Dispose();
            FastPooled.Dispose();
            Exact.Dispose();
            Fast.Dispose();
        }
    }

    // max |a − e| / max(|e|, floor) over the values whose exact pooled energy is above the clamp (the others are clamped in both).
    private static double MaxRelativeErrorAboveClamp(float[] actual, float[] expected, float[] pooled, double clamp, double floor = 0)
    {
        double worst = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (float.IsNaN(actual[i])) return double.PositiveInfinity;
            if (pooled[i] > clamp) worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), floor));
        }
        return worst;
    }
}
