using Leaf.Audio;
using Leaf.Tests;

namespace Leaf.Datasets.Tests;

/// <summary>Evaluation on non-overlapping windows and per-file logit averaging.</summary>
public class DataEvaluationTests
{
    private static readonly ClipOptions Raw = new() { Length = 400, Loudness = null };

    [Theory]
    [InlineData(1000, 2)] // the incomplete last window (200 samples) is dropped
    [InlineData(800, 2)]
    [InlineData(399, 1)]  // shorter than a window: one padded window
    [InlineData(1, 1)]
    public void WindowCount(int length, int windows) => Assert.Equal(windows, ClipWindows.Count(length, 400));

    [Fact]
    public void WindowsAreConsecutiveAndShortClipsArePadded()
    {
        float[] ramp = DataTestFiles.Ramp(1000);
        float[][] windows = EvaluationWindows.Cut(ramp, Raw);
        Assert.Equal(2, windows.Length);
        Assert.Equal(ramp[..400], windows[0]);
        Assert.Equal(ramp[400..800], windows[1]);

        float[] single = Assert.Single(EvaluationWindows.Cut(ramp.AsSpan(0, 100), Raw));
        Assert.Equal(ramp[..100], single[..100]);
        Assert.All(single[100..], x => Assert.Equal(0f, x));
    }

    [Fact]
    public void LogitsAreAveragedPerFile()
    {
        var averager = new FileLogitAverager(classes: 3);
        averager.Add([1, 0, 0, /**/ 0, 4, 0, /**/ 0, 0, 5], [7, 7, 9]);
        averager.Add([3, 0, 0], [7]);

        var means = averager.Means();
        Assert.Equal([4f / 3, 4f / 3, 0f], means[7]);
        Assert.Equal([0f, 0f, 5f], means[9]);
        Assert.Equal(new Dictionary<int, int> { [7] = 0, [9] = 2 }, averager.Predictions());
        Assert.Equal(2, averager.Files);
        Assert.Throws<ArgumentException>(() => averager.Add([1, 2], [1]));
    }

    [Fact]
    public void EvaluationBatchesHoldEveryWindowOfEveryFileInOrder()
    {
        using var files = new DataTestFiles();
        int[] lengths = [1000, 300, 1200, 799, 401];
        for (int i = 0; i < lengths.Length; i++) files.Ramp($"train/{(i < 3 ? "a" : "b")}/{i}.wav", 100);
        for (int i = 0; i < lengths.Length; i++) files.Ramp($"test/{(i < 3 ? "a" : "b")}/{i}.wav", lengths[i]);
        AudioDataset dataset = AudioDataset.Load(files.Root);
        var source = new BatchSource(dataset, new BatchSourceOptions { Clip = Raw });

        List<AudioBatch> batches = [.. source.Evaluation(DatasetSplit.Test, batchSize: 3)];

        IReadOnlyList<int> test = dataset.IndicesOf(DatasetSplit.Test);
        int[] expectedFiles = [.. test.SelectMany(f => Enumerable.Repeat(f, ClipWindows.Count((int)dataset.Items[f].Info.Frames, 400)))];
        Assert.Equal(expectedFiles, batches.SelectMany(b => b.FileIndices));
        Assert.Equal([3, 3, 2], batches.Select(b => b.Count)); // 2 + 1 + 3 + 1 + 1 = 8 windows
        // The k-th window of a file starts at sample 400·k.
        var rows = batches.SelectMany(b => Enumerable.Range(0, b.Count).Select(r => (File: b.FileIndices[r], First: b.Row(r)[0]))).ToList();
        foreach (var group in rows.GroupBy(r => r.File))
            Assert.Equal(group.Select((_, k) => (400 * k + 1) / 32768f), group.Select(r => r.First));

        // Averaging logits that encode the label gives back the label per file.
        var averager = new FileLogitAverager(dataset.Labels.Count);
        foreach (AudioBatch b in batches)
            averager.Add([.. b.Labels.SelectMany(l => Enumerable.Range(0, dataset.Labels.Count).Select(c => c == l ? 1f : 0f))], b.FileIndices);
        Assert.Equal(test.Count, averager.Files);
        Assert.Equal(1.0, averager.Accuracy(dataset));
    }
}
