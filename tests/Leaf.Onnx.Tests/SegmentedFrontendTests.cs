using Leaf.Frontends;
using Xunit.Abstractions;

namespace Leaf.Onnx.Tests;

/// <summary>The segmented frontend model (<see cref="FrontendExportOptions.SegmentSamples"/>) against the offline model: every kind, both LEAF algorithms.</summary>
public sealed class SegmentedFrontendTests(ITestOutputHelper output)
{
    public static TheoryData<string, LeafAlgorithm> Cases() => ExportCases.WithAlgorithms();

    /// <summary>
    /// Lengths from the minimum (1 sample; K for TD-filterbanks) to several segments, multiples of the stride and not,
    /// through the smallest segments the frontend accepts (at least 4 096 samples): the features of the offline model.
    /// Bit for bit for LEAF exact (warm-started sPCEN and instance norm included: they run on all frames after the loop),
    /// SincNet, SincNet+ and TD-filterbanks; mel's DFT GEMM and the fast LEAF's block GEMMs round differently with the
    /// number of frames or blocks (the bounds of <see cref="StreamingFrontendTests"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void TheSegmentedModelGivesTheOfflineFeatures(string name, LeafAlgorithm algorithm)
    {
        var d = ExportCases.All[name];
        int segment = Math.Max(4096, SegmentedFrontendGraph.MinimumSegment(d, algorithm));
        using var offline = new OnnxFrontend(FrontendExporter.Export(d, new FrontendExportOptions { LeafAlgorithm = algorithm }), Unchunked);
        using var segmented = new OnnxFrontend(FrontendExporter.Export(d, new FrontendExportOptions { LeafAlgorithm = algorithm, SegmentSamples = segment }), Unchunked);
        Assert.Equal(offline.Info.ToMetadata(), segmented.Info.ToMetadata());
        var random = new Random(name.Length * 17 + (int)algorithm);
        int minimum = offline.Info.MinimumSamples, stride = d.Stride;
        var differences = new Differences();
        int[] lengths = [minimum, minimum + 1, minimum + 161, 10 * stride, segment - 1, segment + stride, 2 * segment + random.Next(segment), 5 * segment + random.Next(segment)];
        foreach (int length in lengths)
        {
            float[] signal = StreamingFrontendTests.Signal(random, length);
            differences.Add(Arrays.Flatten(segmented.Featurize(signal)), Arrays.Flatten(offline.Featurize(signal)));
        }
        output.WriteLine($"{name} {algorithm}, segments of {segment}: {differences}");
        // Instance norm scales the features to unit variance: its fast-LEAF rounding is measured on that scale (≤ 7.7e-6).
        if (algorithm == LeafAlgorithm.Fast && d.InstanceNorm) Assert.InRange(differences.Absolute, 0, 5e-5);
        else if (algorithm == LeafAlgorithm.Fast) Assert.InRange(differences.Floored, 0, 5e-5); // measured ≤ 3.0e-5 (log), ≤ 6.0e-6 (sPCEN)
        else if (d.Kind == FrontendKind.Mel) Assert.InRange(differences.Absolute, 0, 5e-5); // log-mel: measured ≤ 9.2e-6 absolute
        else Assert.Equal(0, differences.Relative);
    }

    /// <summary>A fixed input length (ML.NET's fixed-size columns) gives the same features, and the model declares batch 1.</summary>
    [Fact]
    public void AFixedLengthSegmentedModelGivesTheOfflineFeatures()
    {
        var d = ExportCases.All["leaf-golden-perturbed"];
        const int length = 20_011;
        byte[] model = FrontendExporter.Export(d, new FrontendExportOptions { FixedSamples = length, SegmentSamples = 4096 });
        using var offline = new OnnxFrontend(FrontendExporter.Export(d, new FrontendExportOptions { FixedSamples = length }), Unchunked);
        using var segmented = new OnnxFrontend(model, Unchunked);
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(model);
        Assert.Equal([1, length], session.InputMetadata[FrontendExporter.InputName].Dimensions);
        Assert.Equal([1, offline.Info.FrameCount(length), d.FilterCount], session.OutputMetadata[FrontendExporter.OutputName].Dimensions);
        float[] signal = StreamingFrontendTests.Signal(new Random(7), length);
        Assert.Equal(Arrays.Flatten(offline.Featurize(signal)), Arrays.Flatten(segmented.Featurize(signal)));
    }

    /// <summary>The official checker (full shape inference, the Loop body included) accepts the models; metadata and names are the offline model's.</summary>
    [Fact]
    public void SegmentedModelsPassTheOnnxChecker()
    {
        using var folder = new TempFolder();
        var paths = new Dictionary<string, (string Name, LeafAlgorithm Algorithm)>();
        foreach (var (name, algorithm) in new[] { ("leaf-preemphasis-instancenorm", LeafAlgorithm.Exact), ("leaf", LeafAlgorithm.Fast), ("mel", LeafAlgorithm.Exact), ("tdfbanks", LeafAlgorithm.Exact), ("sincnet+", LeafAlgorithm.Exact) })
        {
            string path = folder.File($"{name}-{algorithm}.onnx");
            FrontendExporter.ExportToFile(ExportCases.All[name], path, new FrontendExportOptions { LeafAlgorithm = algorithm, SegmentSamples = 1 << 14 });
            paths[path] = (name, algorithm);
        }
        foreach (var report in OnnxChecker.Check([.. paths.Keys]))
        {
            Assert.True(report.Ok, report.Error);
            Assert.Contains("Loop", report.Ops);
            Assert.Equal("1", report.Inputs[FrontendExporter.InputName][0].ToString());
            var (name, algorithm) = paths[report.Path];
            var offline = OnnxModelInfo.FromBytes(FrontendExporter.Export(ExportCases.All[name], new FrontendExportOptions { LeafAlgorithm = algorithm }));
            Assert.Equal(offline.ToMetadata().ToDictionary(), report.Metadata);
            Assert.Equal([FrontendExporter.OutputName], report.Outputs.Keys);
        }
    }

    [Theory]
    [InlineData("leaf", LeafAlgorithm.Exact, 1121)]
    [InlineData("leaf", LeafAlgorithm.Fast, 10816)]
    [InlineData("mel", LeafAlgorithm.Exact, 721)]
    [InlineData("tdfbanks", LeafAlgorithm.Exact, 1121)]
    public void SegmentsShorterThanTheMinimumAreRefused(string name, LeafAlgorithm algorithm, int minimum)
    {
        var d = ExportCases.All[name];
        Assert.Equal(minimum, SegmentedFrontendGraph.MinimumSegment(d, algorithm));
        FrontendExporter.Export(d, new FrontendExportOptions { LeafAlgorithm = algorithm, SegmentSamples = minimum });
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => FrontendExporter.Export(d, new FrontendExportOptions { LeafAlgorithm = algorithm, SegmentSamples = minimum - 1 }));
        Assert.Contains($"at least {minimum}", e.Message, StringComparison.Ordinal);
    }

    /// <summary>An empty waveform (ML.NET's row of an undecodable file), or one under K samples for TD-filterbanks, gives the features of that waveform padded with zeros to the minimum.</summary>
    [Theory]
    [InlineData("leaf-preemphasis-instancenorm", 0)]
    [InlineData("mel", 0)]
    [InlineData("tdfbanks", 0)]
    [InlineData("tdfbanks", 400)]
    public void AWaveformShorterThanTheMinimumCountsAsPaddedToIt(string name, int length)
    {
        var d = ExportCases.All[name];
        using var offline = new OnnxFrontend(FrontendExporter.Export(d), Unchunked);
        using var segmented = new Microsoft.ML.OnnxRuntime.InferenceSession(FrontendExporter.Export(d, new FrontendExportOptions { SegmentSamples = 4096 }));
        float[] signal = StreamingFrontendTests.Signal(new Random(8), length);
        using var input = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(signal, [1, length]);
        using var runOptions = new Microsoft.ML.OnnxRuntime.RunOptions();
        using var results = segmented.Run(runOptions, [FrontendExporter.InputName], [input], [FrontendExporter.OutputName]);
        float[] padded = [.. signal, .. new float[offline.Info.MinimumSamples - length]];
        float[] expected = Arrays.Flatten(offline.Featurize(padded)), actual = results[0].GetTensorDataAsSpan<float>().ToArray();
        if (d.Kind == FrontendKind.Mel) Assert.InRange(Differences.MaxRelative(actual, expected, 1), 0, 5e-5); // the DFT's GEMM rounds with its shape
        else Assert.Equal(expected, actual);
    }

    private static OnnxFrontendOptions Unchunked => new() { IntraOpThreads = 1, ChunkSamples = 0 };
}
