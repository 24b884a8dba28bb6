using Leaf.Tests;

namespace Leaf.Datasets.Tests;

/// <summary>The background batch source: coverage, failures, early stop, cache.</summary>
public class DataBatchSourceTests
{
    private static readonly ClipOptions Raw = new() { Length = 200, Loudness = null };

    private static AudioDataset Dataset(DataTestFiles files, int count)
    {
        for (int i = 0; i < count; i++) files.Ramp($"c{i % 4}/{i:D3}.wav", 150 + 11 * i);
        return AudioDataset.Load(files.Root, new DatasetOptions { Seed = 2 });
    }

    [Fact]
    public void EveryTrainingFileAppearsExactlyOncePerEpoch()
    {
        using var files = new DataTestFiles();
        AudioDataset dataset = Dataset(files, 41);
        var source = new BatchSource(dataset, new BatchSourceOptions { Clip = Raw, QueueCapacity = 2, DecodeThreads = 2 });
        IReadOnlyList<int> train = dataset.IndicesOf(DatasetSplit.Train);

        foreach (int batchSize in new[] { 1, 7, train.Count - 1, 64 }) // the third leaves a last batch of one
        {
            for (int epoch = 0; epoch < 2; epoch++)
            {
                List<AudioBatch> batches = [.. source.Training(DatasetSplit.Train, batchSize, seed: 1, epoch)];
                Assert.Equal(train.Order(), batches.SelectMany(b => b.FileIndices).Order());
                Assert.Equal((train.Count + batchSize - 1) / batchSize, batches.Count);
                Assert.All(batches.SkipLast(1), b => Assert.Equal(batchSize, b.Count));
                Assert.All(batches, b => Assert.Equal(b.Count * 200, b.Waveforms.Length));
                Assert.All(batches, b => Assert.Equal(b.FileIndices.Select(f => dataset.Items[f].Label), b.Labels));
            }
        }
        Assert.Empty(source.DecodeFailures);
    }

    [Fact]
    public void AFileThatStopsDecodingIsReportedAndLeftOut()
    {
        using var files = new DataTestFiles();
        AudioDataset dataset = Dataset(files, 12);
        int broken = dataset.IndicesOf(DatasetSplit.Train)[0];
        File.WriteAllBytes(dataset.Items[broken].Path, "RIFF"u8.ToArray()); // damaged after the index pass

        var source = new BatchSource(dataset, new BatchSourceOptions { Clip = Raw });
        List<AudioBatch> batches = [.. source.Training(DatasetSplit.Train, 4, seed: 0, epoch: 0)];

        Assert.Equal(dataset.IndicesOf(DatasetSplit.Train).Where(i => i != broken).Order(), batches.SelectMany(b => b.FileIndices).Order());
        SkippedFile failure = Assert.Single(source.DecodeFailures);
        Assert.Equal(dataset.Items[broken].Path, failure.Path);
        Assert.Contains("truncated", failure.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void StoppingEarlyDoesNotHangAndLeavesTheSourceUsable()
    {
        using var files = new DataTestFiles();
        AudioDataset dataset = Dataset(files, 40);
        var source = new BatchSource(dataset, new BatchSourceOptions { Clip = Raw, QueueCapacity = 1 });

        AudioBatch first = source.Training(DatasetSplit.Train, 2, seed: 5, epoch: 0).First();
        AudioBatch again = source.Training(DatasetSplit.Train, 2, seed: 5, epoch: 0).First();
        Assert.Equal(first.Waveforms, again.Waveforms);

        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => source.Training(DatasetSplit.Train, 2, 5, 0, cancel.Token).ToList());
    }

    [Fact]
    public void DecodingRunsAheadOfTheConsumerByTheQueueCapacityOnly()
    {
        using var files = new DataTestFiles();
        AudioDataset dataset = Dataset(files, 60);
        var source = new BatchSource(dataset, new BatchSourceOptions { Clip = Raw, QueueCapacity = 2 });
        int[] order = EpochOrder.Shuffle(dataset.IndicesOf(DatasetSplit.Train), seed: 3, epoch: 0);
        long BytesOf(int batches) => order.Take(3 * batches).Sum(i => dataset.Items[i].Info.Frames * 4);

        using IEnumerator<AudioBatch> batches = source.Training(DatasetSplit.Train, 3, seed: 3, epoch: 0).GetEnumerator();
        Assert.True(batches.MoveNext());
        // While the consumer holds batch 1, batches 2 and 3 fill the queue and batch 4 waits to be written: no further.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (source.CachedBytes < BytesOf(3) && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(5);
        Assert.True(source.CachedBytes >= BytesOf(3), $"only {source.CachedBytes} bytes decoded ahead");
        Thread.Sleep(200);
        Assert.InRange(source.CachedBytes, BytesOf(3), BytesOf(4));
    }

    [Fact]
    public void CacheHoldsDecodedClipsWithinItsBudgetAndChangesNothing()
    {
        using var files = new DataTestFiles();
        AudioDataset dataset = Dataset(files, 20);
        IReadOnlyList<int> train = dataset.IndicesOf(DatasetSplit.Train);
        long trainBytes = train.Sum(i => dataset.Items[i].Info.Frames * 4);

        var cached = new BatchSource(dataset, new BatchSourceOptions { Clip = Raw });
        var uncached = new BatchSource(dataset, new BatchSourceOptions { Clip = Raw, CacheBytes = 0 });
        var small = new BatchSource(dataset, new BatchSourceOptions { Clip = Raw, CacheBytes = trainBytes / 2 });
        float[] Epoch(BatchSource s) => [.. s.Training(DatasetSplit.Train, 3, 9, 1).SelectMany(b => b.Waveforms)];

        float[] expected = Epoch(uncached);
        Assert.Equal(expected, Epoch(cached));
        Assert.Equal(expected, Epoch(cached)); // second pass served from the cache
        Assert.Equal(expected, Epoch(small));
        Assert.Equal(trainBytes, cached.CachedBytes);
        Assert.Equal(0, uncached.CachedBytes);
        Assert.InRange(small.CachedBytes, 1, trainBytes / 2);
    }
}
