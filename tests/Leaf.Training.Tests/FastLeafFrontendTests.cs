using Leaf.Frontends;
using Leaf.Tests;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.TorchSharpWorkarounds;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>
/// The TorchSharp LEAF with <see cref="LeafAlgorithm.Fast"/> against the exact module, which stays the reference: pooled
/// energies and features within 1e-4 relative wherever the exact pooled energy is above the 1e-5 clamp (below it both are
/// clamped; features relative to max(|exact|, 0.02), sPCEN's float32 resolution, as in the ONNX fast tests), and
/// gradients of every parameter and of the waveform within 1e-3 of the exact ones (max |fast − exact| over the tensor,
/// relative to the tensor's largest exact gradient).
/// </summary>
public sealed class FastLeafFrontendTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-4, GradientTolerance = 1e-3, OutputFloor = 0.02;

    [Theory]
    [InlineData("default")]
    [InlineData("perturbed")]
    public void FastMatchesExactOnGoldenInputs(string set)
    {
        var d = GoldenDescriptions.For(set);
        foreach (var input in Golden.Inputs)
            Compare($"{set}/{input}", d, [Golden.Load($"{input}__input").Data]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    public void FastMatchesExactForTrainedLikeParametersOnRandomAudio(int seed, int batch)
    {
        var random = new Random(seed);
        var d = TrainedLike.Leaf(random);
        foreach (int length in new[] { 1, 159, 161, 3361, 16001, 40000 })
            Compare($"seed {seed}, {batch} x {length}", d, [.. Enumerable.Range(0, batch).Select(_ => TrainedLike.Noise(random, length))]);
    }

    [Fact]
    public void FastMatchesExactForOtherConfigurations()
    {
        var random = new Random(4);
        foreach (var d in new[]
        {
            new FrontendDescription { SampleRate = 8000, MaxFrequency = 3900, FilterCount = 24, PreEmphasis = true },
            new FrontendDescription { Compression = CompressionKind.Log, GaborInit = GaborInitKind.Analytic, FilterCount = 64 },
        })
            Compare($"{d.SampleRate} Hz, {d.FilterCount} {d.GaborInit}, {d.Compression}", d, [TrainedLike.Noise(random, 5000), TrainedLike.Noise(random, 5000)]);
    }

    [Theory]
    [InlineData("perturbed", 16000)]
    [InlineData("trained-like", 8000)]
    public void GradientsMatchExact(string parameters, int length)
    {
        var random = new Random(7);
        var d = (parameters == "perturbed" ? GoldenDescriptions.For("perturbed") : TrainedLike.Leaf(random)) with { PreEmphasis = true };
        float[] audio = [.. TrainedLike.Noise(random, length), .. TrainedLike.Noise(random, length)];
        var exact = Gradients(d, LeafAlgorithm.Exact, audio, length);
        var fast = Gradients(d, LeafAlgorithm.Fast, audio, length);
        Assert.Equal(exact.Keys.Order(), fast.Keys.Order());
        foreach (var (name, e) in exact)
        {
            double scale = e.Max(Math.Abs), error = e.Zip(fast[name], (a, b) => Math.Abs(a - b)).Max() / scale;
            output.WriteLine($"{parameters} {name,-24} gradient error {error:E2} (largest {scale:E2})");
            Assert.True(scale > 0, $"{name}: zero gradient");
            Assert.True(error < GradientTolerance, $"{name}: fast gradient off by {error:E2}");
        }
    }

    [Fact]
    public void UnsupportedGeometryIsRefusedAtConstruction()
    {
        // A window longer than four strides cannot fit two frames' energies in a block.
        var d = new FrontendDescription { WindowMs = 25, StrideMs = 5 };
        var error = Assert.Throws<NotSupportedException>(() => new LeafFrontend(d, algorithm: LeafAlgorithm.Fast));
        Assert.Contains("K ≤ 4·stride", error.Message);
    }

    // Gradients of a fixed random projection of the features, per parameter and for the waveform ("input").
    private static Dictionary<string, float[]> Gradients(FrontendDescription d, LeafAlgorithm algorithm, float[] audio, int length)
    {
        using var leaf = new LeafFrontend(d, algorithm: algorithm);
        using var scope = NewDisposeScope();
        var x = tensor(audio, [audio.Length / length, length]).requires_grad_();
        var y = leaf.forward(x);
        manual_seed(3);
        (y * randn(y.shape)).sum().backward();
        var grads = leaf.named_parameters().ToDictionary(p => p.name, p => TestSignals.Floats(p.parameter.grad!));
        grads["input"] = TestSignals.Floats(x.grad!);
        return grads;
    }

    private void Compare(string name, FrontendDescription d, float[][] clips)
    {
        using var exact = new LeafFrontend(d);
        using var fast = new LeafFrontend(d, algorithm: LeafAlgorithm.Fast);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = tensor(clips.SelectMany(c => c).ToArray(), [clips.Length, clips[0].Length]);
        var exactPooled = exact.PooledEnergies(x);
        var fastPooled = fast.PooledEnergies(x);
        Assert.Equal(exactPooled.shape, fastPooled.shape);
        var above = exactPooled.Above(d.EnergyFloor);
        double pooledError = MaxRelativeError(fastPooled, exactPooled, above, 0);
        double featureError = MaxRelativeError(fast.forward(x), exact.forward(x), above.transpose(1, 2), OutputFloor);
        output.WriteLine($"{name}: pooled {pooledError:E2}, features {featureError:E2}");
        Assert.True(pooledError < Tolerance, $"{name}: pooled energies off by {pooledError:E2}");
        Assert.True(featureError < Tolerance, $"{name}: features off by {featureError:E2}");
    }

    // max |a − e| / max(|e|, floor) where `where` holds; NaN anywhere is infinite.
    private static double MaxRelativeError(Tensor actual, Tensor expected, Tensor where, double floor)
    {
        if (actual.isnan().any().item<bool>()) return double.PositiveInfinity;
        var relative = (actual - expected).abs() / expected.abs().AtLeast(floor).AtLeast(1e-30);
        return relative.Filled(where.logical_not(), 0).max().item<float>();
    }
}
