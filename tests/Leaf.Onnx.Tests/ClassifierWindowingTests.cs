using Leaf.Audio;
using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Onnx.Classifiers;
using Leaf.Training.Frontends;
using Xunit.Abstractions;

namespace Leaf.Onnx.Tests;

/// <summary>The windowed classifier model (<see cref="ClassifierWindowing"/>) against <see cref="OnnxClassifier"/>'s evaluation protocol.</summary>
public class ClassifierWindowingTests(ITestOutputHelper output)
{
    private const int Clip = 4000;

    [Theory]
    [InlineData(EncoderKind.CompactCnn, FrontendKind.Mel, 1, true)]
    [InlineData(EncoderKind.CompactCnn, FrontendKind.Mel, 1, false)]
    [InlineData(EncoderKind.CompactCnn, FrontendKind.Leaf, 2, true)]
    [InlineData(EncoderKind.EfficientNetB0, FrontendKind.Mel, 2, true)]
    public void WindowedModelScoresLikeOnnxClassifierAtAnyLength(EncoderKind encoder, FrontendKind frontend, int taskCount, bool normalizeLoudness)
    {
        var loudness = normalizeLoudness ? LoudnessOptions.Paper : null;
        ClassifierTask[] tasks = new[] { ClassifierFixtures.Scenes, ClassifierFixtures.Birds }[..taskCount];
        byte[] onnx;
        using (var model = ClassifierFixtures.Create(encoder, frontend, tasks, seed: 31))
            onnx = ClassifierExporter.Export(model.ToDescription(), new ClassifierExportOptions { ClipSamples = Clip });
        byte[] windowed = ClassifierWindowing.Wrap(onnx, loudness);
        ClassifierFixtures.AssertPassesOnnxChecker(windowed);
        var metadata = ClassifierFixtures.Metadata(windowed);
        Assert.True(ClassifierWindowing.IsWindowed(metadata));
        var info = ClassifierModelInfo.FromMetadata(metadata);
        Assert.Equal(tasks, info.Tasks);
        Assert.Equal(Clip, info.ClipSamples);

        using var classifier = new OnnxClassifier(onnx, new OnnxClassifierOptions { Embeddings = true, Loudness = loudness });
        string[] names = [.. Enumerable.Range(0, taskCount).SelectMany(i => new[] { info.LogitsOutput(i), info.ProbabilitiesOutput(i) }), ClassifierModelInfo.EmbeddingName];
        var random = new Random(32);
        foreach (int samples in new[] { 1, Clip - 1, Clip, Clip + 1, Clip * 7 / 2 })
        {
            float[] waveform = [.. Enumerable.Range(0, samples).Select(_ => (float)(random.NextDouble() - 0.5) * 0.2f)];
            var expected = classifier.Score(waveform);
            var actual = ClassifierFixtures.Run(windowed, waveform, 1, names);
            for (int i = 0; i < taskCount; i++)
            {
                AssertClose(expected.Tasks[i].Logits, actual[2 * i], $"{names[2 * i]} at {samples} samples");
                AssertClose(expected.Tasks[i].Probabilities, actual[2 * i + 1], $"{names[2 * i + 1]} at {samples} samples");
            }
            AssertClose(expected.Embedding!, actual[^1], $"embedding at {samples} samples");
        }
    }

    [Fact]
    public void NonClassifierOrAlreadyWindowedModelsAreRefused()
    {
        byte[] frontendOnly = FrontendExporter.Export(FrontendDescription.Default(FrontendKind.Mel));
        Assert.Contains("not a classifier model", Assert.Throws<FormatException>(() => ClassifierWindowing.Wrap(frontendOnly)).Message);
        Assert.Contains("not an ONNX model", Assert.Throws<FormatException>(() => ClassifierWindowing.Wrap([1, 2, 3, 255])).Message);
        using var model = ClassifierFixtures.Create(EncoderKind.CompactCnn, FrontendKind.Mel, [ClassifierFixtures.Birds], seed: 33);
        byte[] windowed = ClassifierWindowing.Wrap(ClassifierExporter.Export(model.ToDescription(), new ClassifierExportOptions { ClipSamples = Clip }));
        Assert.Contains("m.onnx: the model is already windowed", Assert.Throws<FormatException>(() => ClassifierWindowing.Wrap(windowed, null, "m.onnx")).Message);
        Assert.Contains("already windowed", Assert.Throws<FormatException>(() => new OnnxClassifier(windowed)).Message);
    }

    // Equal within 1e-6 relative to max(1, |expected|): the mean over windows is summed in double by OnnxClassifier, in float by ONNX Runtime.
    private void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a) / Math.Max(1, Math.Abs(e))).Max();
        output.WriteLine($"{what}: largest difference {worst:E2}");
        Assert.True(worst <= 1e-6, $"{what}: difference {worst}");
    }
}
