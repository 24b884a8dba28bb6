using Leaf.Audio;
using Leaf.Datasets;
using Leaf.Onnx.Classifiers;

namespace Leaf.Cli.Tests;

/// <summary>OnnxClassifier against the training code's evaluation protocol and first principles.</summary>
[Collection(ScoringCollection.Name)]
public sealed class OnnxClassifierTests(ScoringFixture fixture)
{
    private static float[] Wave(int samples, double step) => [.. Enumerable.Range(0, samples).Select(n => (float)(0.2 * Math.Sin(n * step) + 0.01 * Math.Cos(n * 1.7)))];

    [Theory]
    [InlineData(3000)]
    [InlineData(8000)]
    [InlineData(23999)]
    public void WindowsAreTheTrainingCodesEvaluationWindows(int samples)
    {
        var clip = Wave(samples, 0.05);
        var expected = EvaluationWindows.Cut(clip, new ClipOptions { Length = ScoringFixture.ClipSamples });
        Assert.Equal(expected.Length, ClipWindows.Count(samples, ScoringFixture.ClipSamples));
        for (int w = 0; w < expected.Length; w++)
        {
            var window = new float[ScoringFixture.ClipSamples];
            ClipWindows.Fill(clip, w, window, new OnnxClassifierOptions().Loudness);
            Assert.Equal(expected[w], window);
        }
    }

    [Fact]
    public void BatchedScoresEqualSingleScoresAndTheHeadOfTheMeanEmbeddingGivesTheMeanLogits()
    {
        using var batched = new OnnxClassifier(fixture.Model, new OnnxClassifierOptions { BatchWindows = 3, Embeddings = true });
        var waves = new[] { Wave(20000, 0.03), Wave(5000, 0.2), Wave(16000, 0.5) };
        var scores = batched.Score(waves);
        Assert.Equal([2, 1, 2], scores.Select(s => s.Windows));
        var head = fixture.Description.Heads[0];
        int e = fixture.Description.EmbeddingSize;
        for (int f = 0; f < waves.Length; f++)
        {
            var alone = batched.Score(waves[f]);
            Assert.Equal(alone.Tasks[0].Logits, scores[f].Tasks[0].Logits);
            Assert.Equal(alone.Embedding, scores[f].Embedding);
            var task = scores[f].Tasks[0];
            Assert.Equal(1.0, task.Probabilities.Sum(), 1e-6);
            Assert.Equal(TaskScore.Softmax(task.Logits), task.Probabilities);
            // The head is linear, so W · mean(embedding) + b = mean(logits).
            for (int c = 0; c < 3; c++)
            {
                double logit = head.Bias.Values[c] + Enumerable.Range(0, e).Sum(i => (double)head.Weight.Values[c * e + i] * scores[f].Embedding![i]);
                Assert.Equal(logit, task.Logits[c], 1e-4 * Math.Max(1, Math.Abs(logit)));
            }
        }
    }

    [Fact]
    public void SoftmaxIsStableForLargeLogits()
    {
        var p = TaskScore.Softmax([1000f, 1000f, -1000f]);
        Assert.Equal([0.5f, 0.5f, 0f], p);
    }
}
