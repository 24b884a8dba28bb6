using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Onnx.Classifiers;
using Leaf.Training;
using Leaf.Training.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Leaf.Onnx.Tests;

/// <summary>Exported classifiers: ONNX Runtime against TorchSharp in eval mode, the ONNX checker, outputs and metadata.</summary>
public class ClassifierExportTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(EncoderKind.CompactCnn, FrontendKind.Leaf, 1, 16000)]
    [InlineData(EncoderKind.CompactCnn, FrontendKind.Mel, 2, 12345)]     // odd frame counts: ceil-mode pooling
    [InlineData(EncoderKind.EfficientNetB0, FrontendKind.Leaf, 2, 8000)]
    [InlineData(EncoderKind.EfficientNetB0, FrontendKind.Mel, 1, 5000)]
    public void OnnxRuntimeLogitsEqualTorchSharpsInEvalMode(EncoderKind encoder, FrontendKind frontend, int taskCount, int samples)
    {
        ClassifierTask[] tasks = new[] { ClassifierFixtures.Scenes, ClassifierFixtures.Birds }[..taskCount];
        using var model = ClassifierFixtures.Create(encoder, frontend, tasks, seed: 21);
        byte[] onnx = ClassifierExporter.Export(model.ToDescription());
        ClassifierFixtures.AssertPassesOnnxChecker(onnx);
        var info = ClassifierModelInfo.FromMetadata(ClassifierFixtures.Metadata(onnx));

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        manual_seed(22);
        var x = randn(2, samples).Times(0.1);
        var expected = model.ForwardHeads(x);
        string[] names = Enumerable.Range(0, taskCount).SelectMany(i => new[] { info.LogitsOutput(i), info.ProbabilitiesOutput(i) }).ToArray();
        var actual = ClassifierFixtures.Run(onnx, ParameterValues.ToFloats(x), 2, names);
        for (int i = 0; i < taskCount; i++)
        {
            double logitError = RelativeError(expected[i], actual[2 * i]);
            double probabilityError = RelativeError(expected[i].softmax(-1), actual[2 * i + 1]);
            output.WriteLine($"{encoder.ToName()} + {frontend.ToName()}, {names[2 * i]}: logits relative error {logitError:E2}, probabilities {probabilityError:E2}");
            Assert.True(logitError < 1e-4, $"{names[2 * i]}: relative error {logitError}");
            Assert.True(probabilityError < 1e-4, $"{names[2 * i + 1]}: relative error {probabilityError}");
        }
    }

    [Fact]
    public void SingleTaskMetadataIsReadableByTheFrontendReaderToo()
    {
        using var model = ClassifierFixtures.Create(EncoderKind.CompactCnn, FrontendKind.Mel, [ClassifierFixtures.Scenes], seed: 23);
        var description = model.ToDescription();
        byte[] onnx = ClassifierExporter.Export(description, new ClassifierExportOptions { Frontend = new FrontendExportOptions { FixedSamples = 8000 } });
        var metadata = ClassifierFixtures.Metadata(onnx);
        Assert.Equal("[\"park\",\"street\",\"metro\"]", metadata[OnnxMetadataKeys.Labels]);
        Assert.Equal("8000", metadata[ClassifierMetadataKeys.ClipSamples]);
        Assert.Equal("compact-cnn", metadata[ClassifierMetadataKeys.Encoder]);
        Assert.Equal(description.Frontend, FrontendDescription.FromJson(metadata[OnnxMetadataKeys.Frontend]) with { Parameters = description.Frontend.Parameters });
        var frontendInfo = OnnxModelInfo.FromMetadata(metadata);
        Assert.Equal(["park", "street", "metro"], frontendInfo.Labels!);
        Assert.Equal(8000, frontendInfo.FixedSamples);
        var info = ClassifierModelInfo.FromMetadata(metadata);
        Assert.Equal([ClassifierFixtures.Scenes], info.Tasks);
        Assert.Equal(("logits", "probabilities"), (info.LogitsOutput(0), info.ProbabilitiesOutput(0)));

        // The frontend's features stay an output: the classifier model is also a featurizer.
        using var classifierFeatures = new OnnxFrontend(onnx);
        using var frontendOnly = new OnnxFrontend(FrontendExporter.Export(description.Frontend));
        var wave = Enumerable.Range(0, 8000).Select(i => (float)Math.Sin(i * 0.05)).ToArray();
        // Not bitwise: ONNX Runtime may fuse the frontend's nodes differently when the features feed further nodes.
        var expected = Arrays.Flatten(frontendOnly.Featurize(wave));
        var actual = Arrays.Flatten(classifierFeatures.Featurize(wave));
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), p => Assert.Equal(p.First, p.Second, 1e-5f * Math.Max(1, Math.Abs(p.First))));
    }

    [Fact]
    public void MultiTaskModelsNameOutputsAndLabelsPerTask()
    {
        using var model = ClassifierFixtures.Create(EncoderKind.CompactCnn, FrontendKind.Mel, [ClassifierFixtures.Scenes, ClassifierFixtures.Birds], seed: 24);
        byte[] onnx = ClassifierExporter.Export(model.ToDescription(), new ClassifierExportOptions { ClipSamples = 24000 });
        var metadata = ClassifierFixtures.Metadata(onnx);
        Assert.False(metadata.ContainsKey(OnnxMetadataKeys.Labels));
        Assert.Equal("[\"scenes\",\"birds\"]", metadata[ClassifierMetadataKeys.Tasks]);
        Assert.Equal("[\"no_bird\",\"bird\"]", metadata["leaf.labels.birds"]);
        var info = ClassifierModelInfo.FromMetadata(metadata);
        Assert.Equal([ClassifierFixtures.Scenes, ClassifierFixtures.Birds], info.Tasks);
        Assert.Equal(24000, info.ClipSamples);
        Assert.Equal(["logits_scenes", "probabilities_scenes", "logits_birds", "probabilities_birds"],
            new[] { info.LogitsOutput(0), info.ProbabilitiesOutput(0), info.LogitsOutput(1), info.ProbabilitiesOutput(1) });
        var outputs = ClassifierFixtures.Run(onnx, new float[3 * 4000], 3, ["probabilities_scenes", "probabilities_birds"]);
        Assert.Equal([9, 6], outputs.Select(o => o.Length));
        for (int b = 0; b < 3; b++) Assert.Equal(1.0, outputs[0][(3 * b)..(3 * b + 3)].Sum(), 1e-6);
    }

    [Fact]
    public void BadDescriptionsAndOptionsFailBeforeWriting()
    {
        using var model = ClassifierFixtures.Create(EncoderKind.CompactCnn, FrontendKind.Mel, [ClassifierFixtures.Scenes], seed: 25);
        var d = model.ToDescription();
        var clash = new ClassifierExportOptions { ClipSamples = 16000, Frontend = new FrontendExportOptions { FixedSamples = 8000 } };
        Assert.Contains("must equal the fixed input length", Assert.Throws<ArgumentException>(() => ClassifierExporter.Export(d, clash)).Message);
        var badHead = d with { Heads = [d.Heads[0] with { Weight = new ParameterTensor([3, 7], new float[21]) }] };
        Assert.Contains("weight must be [3, 128]", Assert.Throws<FormatException>(() => ClassifierExporter.Export(badHead)).Message);
        var metadata = ClassifierFixtures.Metadata(ClassifierExporter.Export(d));
        metadata[ClassifierMetadataKeys.Encoder] = "resnet";
        Assert.Contains("unknown encoder 'resnet'", Assert.Throws<FormatException>(() => ClassifierModelInfo.FromMetadata(metadata)).Message);
        metadata.Remove(ClassifierMetadataKeys.Tasks);
        Assert.Contains("no 'leaf.tasks' metadata", Assert.Throws<FormatException>(() => ClassifierModelInfo.FromMetadata(metadata)).Message);
    }

    // max |actual − expected| / max |expected|
    private static double RelativeError(Tensor expected, float[] actual)
    {
        var e = ParameterValues.ToFloats(expected);
        Assert.Equal(e.Length, actual.Length);
        return e.Zip(actual, (a, b) => Math.Abs((double)a - b)).Max() / e.Max(v => Math.Abs((double)v));
    }
}
