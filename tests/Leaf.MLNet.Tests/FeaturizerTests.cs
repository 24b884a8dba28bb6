using Leaf.Frontends;
using Leaf.Onnx;
using Leaf.Tests;
using Microsoft.ML;
using Xunit.Abstractions;

namespace Leaf.MLNet.Tests;

/// <summary>LeafFeaturize through ML.NET against ONNX Runtime directly, the golden vectors and first principles.</summary>
public sealed class FeaturizerTests(ITestOutputHelper output)
{
    private const int Channels = 40, Frames = 100;
    private static readonly MLContext Ml = new(seed: 1);

    private static float[] Tone1k() => Golden.Load("tone1k__input").Data;

    private static float[][] Featurize(LeafFeaturizeOptions? options, params float[][] waveforms)
    {
        var data = Ml.Data.LoadFromEnumerable(waveforms.Select(w => new WaveformRow { Waveform = w }));
        var model = Ml.Transforms.LeafFeaturize("Features", "Waveform", options).Fit(data);
        try { return FeatureColumns.Read(model.Transform(data), "Features"); }
        finally { (model as IDisposable)?.Dispose(); }
    }

    [Fact]
    public void DefaultFrontendMatchesOnnxRuntimeExactlyAndTheGoldenVector()
    {
        float[] tone = Tone1k();
        float[] viaMlNet = Featurize(null, tone)[0];

        using var direct = new OnnxFrontend(FrontendExporter.Export(new FrontendDescription(), new FrontendExportOptions { FixedSamples = 16000 }));
        float[,] expected = direct.Featurize(tone);
        Assert.Equal(expected.Cast<float>().ToArray(), viaMlNet); // same model, same runtime: bit-identical

        var (golden, shape) = Golden.Load("default__tone1k__leaf");
        Assert.Equal([Channels, Frames], shape);
        var frameMajor = new float[golden.Length];
        for (int c = 0; c < Channels; c++)
            for (int f = 0; f < Frames; f++)
                frameMajor[f * Channels + c] = golden[c * Frames + f];
        double error = Golden.MaxRelativeError(viaMlNet, frameMajor, floor: 0.02);
        output.WriteLine($"worst relative error vs golden default__tone1k__leaf: {error:E2}");
        Assert.InRange(error, 0, 2e-5);
    }

    [Theory]
    [InlineData(FeatureLayout.Mean)]
    [InlineData(FeatureLayout.Max)]
    [InlineData(FeatureLayout.MeanStd)]
    public void PooledLayoutsEqualPoolingTheFrames(FeatureLayout layout)
    {
        float[][] inputs = [Tone1k(), Golden.Load("clicks__input").Data];
        float[][] frames = Featurize(null, inputs);
        float[][] pooled = Featurize(new LeafFeaturizeOptions { Layout = layout }, inputs);
        for (int row = 0; row < inputs.Length; row++)
        {
            float[] expected = ExpectedPooling(frames[row], layout);
            Assert.Equal(expected.Length, pooled[row].Length);
            Assert.InRange(Golden.MaxRelativeError(pooled[row], expected, floor: 1e-3), 0, 1e-5);
        }
    }

    private static float[] ExpectedPooling(float[] frames, FeatureLayout layout)
    {
        double[] Column(int c) => Enumerable.Range(0, Frames).Select(f => (double)frames[f * Channels + c]).ToArray();
        var mean = Enumerable.Range(0, Channels).Select(c => Column(c).Average()).ToArray();
        var std = Enumerable.Range(0, Channels).Select(c => Math.Sqrt(Column(c).Select(v => (v - mean[c]) * (v - mean[c])).Average())).ToArray();
        var max = Enumerable.Range(0, Channels).Select(c => Column(c).Max()).ToArray();
        double[] result = layout switch
        {
            FeatureLayout.Mean => mean,
            FeatureLayout.Max => max,
            _ => [.. mean, .. std],
        };
        return result.Select(v => (float)v).ToArray();
    }

    [Fact]
    public void AnExportedModelFileWithAnotherLengthIsReExportedForTheRequestedLength()
    {
        using var temp = new TempAudio();
        string path = Path.Combine(temp.Folder, "small.onnx");
        var small = new FrontendDescription { FilterCount = 8 };
        FrontendExporter.ExportToFile(small, path, new FrontendExportOptions { FixedSamples = 8000 });

        float[] tone = Tone1k();
        var estimator = Ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { ModelPath = path });
        Assert.Equal((8, 100, 800), (estimator.Info.Channels, estimator.Frames, estimator.OutputSize));
        using var direct = new OnnxFrontend(FrontendExporter.Export(small));
        Assert.Equal(direct.Featurize(tone).Cast<float>().ToArray(), Featurize(new LeafFeaturizeOptions { ModelPath = path }, tone)[0]);
    }

    [Fact]
    public void TheFastAlgorithmGivesTheExactFeaturesWithin1e4()
    {
        float[][] inputs = [Tone1k(), Golden.Load("clicks__input").Data];
        var estimator = Ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { LeafAlgorithm = LeafAlgorithm.Fast });
        Assert.Equal(LeafAlgorithm.Fast, estimator.Info.LeafAlgorithm);
        float[][] fast = Featurize(new LeafFeaturizeOptions { LeafAlgorithm = LeafAlgorithm.Fast }, inputs), exact = Featurize(null, inputs);
        for (int row = 0; row < inputs.Length; row++)
        {
            double error = Golden.MaxRelativeError(fast[row], exact[row], floor: 0.02);
            output.WriteLine($"row {row}: fast vs exact {error:E2}");
            Assert.InRange(error, 0, 1e-4);
        }
    }

    [Fact]
    public void AModelFileKeepsItsAlgorithmWhenReExportedUnlessAnotherIsAsked()
    {
        using var temp = new TempAudio();
        string path = Path.Combine(temp.Folder, "fast.onnx");
        FrontendExporter.ExportToFile(new FrontendDescription(), path, new FrontendExportOptions { FixedSamples = 8000, LeafAlgorithm = LeafAlgorithm.Fast });

        var kept = Ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { ModelPath = path });
        Assert.Equal((LeafAlgorithm.Fast, 16000), (kept.Info.LeafAlgorithm, kept.Info.FixedSamples));
        var asked = Ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { ModelPath = path, InputLength = 8000, LeafAlgorithm = LeafAlgorithm.Exact });
        Assert.Equal((LeafAlgorithm.Exact, 8000), (asked.Info.LeafAlgorithm, asked.Info.FixedSamples));
    }

    [Fact]
    public void AWaveformColumnOfAnotherLengthIsRejectedByName()
    {
        var data = Ml.Data.LoadFromEnumerable([new WaveformRow { Waveform = Tone1k() }]);
        var estimator = Ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { InputLength = 32000 });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => estimator.Fit(data));
        Assert.Contains("'Waveform'", e.Message);
        Assert.Contains("32000", e.Message);
    }

    [Fact]
    public void BothFrontendAndModelPathIsAnError() =>
        Assert.Throws<ArgumentException>(() => Ml.Transforms.LeafFeaturize("F", "W", new LeafFeaturizeOptions { Frontend = new(), ModelPath = "x.onnx" }));

    [Fact]
    public void AGpuOnTheCpuOnlyRuntimeFallsBackOrFailsClearly()
    {
        Assert.NotNull(Leaf.Onnx.CudaAvailability.Problem(0)); // no usable CUDA here, in the CPU and the GPU build alike
        float[] tone = Tone1k();
        Assert.Equal(Featurize(null, tone)[0], Featurize(new LeafFeaturizeOptions { GpuDeviceId = 0 }, tone)[0]);
        var e = Assert.Throws<NotSupportedException>(() => Ml.Transforms.LeafFeaturize("F", "W", new LeafFeaturizeOptions { GpuDeviceId = 0, FallbackToCpu = false }));
        Assert.All(Leaf.Tests.Shared.CudaBuild.MessageParts, part => Assert.Contains(part, e.Message));
        Assert.Contains("set FallbackToCpu = true", e.Message);
    }
}
