using System.Collections.Concurrent;
using System.Threading.Channels;
using Leaf.Audio;

namespace Leaf.Datasets;

/// <summary>
/// Batches of model inputs for a split of an <see cref="AudioDataset"/>, decoded on a background task into a
/// bounded queue (<see cref="BatchSourceOptions.QueueCapacity"/> batches) so that the trainer's step overlaps
/// decoding. Training batches visit every file of the split once per epoch in the order of
/// <see cref="EpochOrder"/>, as <see cref="TrainingCrop"/>s: (seed, epoch) fully determines the batches.
/// Evaluation batches hold the <see cref="EvaluationWindows"/> of every file in file order. The last batch may be
/// smaller. A file that passed the index pass but fails to decode is left out of its batch and reported in
/// <see cref="DecodeFailures"/>. Memory: the cache budget plus the queued batches. One enumeration at a time per
/// instance is the intended use, but concurrent ones are safe.
/// </summary>
public sealed class BatchSource
{
    private readonly AudioDataset _dataset;
    private readonly BatchSourceOptions _options;
    private readonly ClipCache _cache;
    private readonly ConcurrentDictionary<string, SkippedFile> _failures = new(StringComparer.Ordinal);

    /// <summary>A batch source over <paramref name="dataset"/>.</summary>
    public BatchSource(AudioDataset dataset, BatchSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        _dataset = dataset;
        _options = options ?? BatchSourceOptions.Default;
        _options.Clip.Validated();
        _options.Augmentation.Validated();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.CacheBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.QueueCapacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_options.DecodeThreads);
        _cache = new ClipCache(_options.CacheBytes);
    }

    /// <summary>The dataset.</summary>
    public AudioDataset Dataset => _dataset;

    /// <summary>Bytes of decoded clips held in the cache.</summary>
    public long CachedBytes => _cache.Bytes;

    /// <summary>Files that could not be decoded while batching (each reported once), sorted by path.</summary>
    public IReadOnlyList<SkippedFile> DecodeFailures => [.. _failures.Values.OrderBy(f => f.Path, StringComparer.Ordinal)];

    /// <summary>The training batches of one epoch: shuffled, randomly cropped, fully determined by (<paramref name="seed"/>, <paramref name="epoch"/>).</summary>
    public IEnumerable<AudioBatch> Training(DatasetSplit split, int batchSize, int seed, int epoch, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        int[] order = EpochOrder.Shuffle(_dataset.IndicesOf(split), seed, epoch);
        return Stream(order, (file, clip) => [TrainingCrop.Example(clip, _options.Clip, seed, epoch, file, _options.Augmentation)], batchSize, cancellation);
    }

    /// <summary>The evaluation windows of every file of <paramref name="split"/>, in file order.</summary>
    public IEnumerable<AudioBatch> Evaluation(DatasetSplit split, int batchSize, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return Stream(_dataset.IndicesOf(split), (_, clip) => EvaluationWindows.Cut(clip, _options.Clip), batchSize, cancellation);
    }

    /// <summary>The decoded, resampled clip of a file (from the cache when there), or <see langword="null"/> after recording why it failed.</summary>
    public float[]? Decode(int file)
    {
        if (_cache.TryGet(file, out float[] cached)) return cached;
        DatasetItem item = _dataset.Items[file];
        try
        {
            float[] clip = AudioFile.Load(item.Path, _options.Clip.DecodeOptions).Samples;
            _cache.Add(file, clip);
            return clip;
        }
        catch (Exception e) when (e is AudioFormatException or IOException or UnauthorizedAccessException)
        {
            _failures.TryAdd(item.Path, new SkippedFile(item.Path, e is AudioFormatException f ? f.Problem : e.Message));
            return null;
        }
    }

    /// <summary>Runs the producer on a background task and hands its batches over through a bounded channel.</summary>
    private IEnumerable<AudioBatch> Stream(IReadOnlyList<int> files, Func<int, float[], float[][]> examplesOf, int batchSize, CancellationToken cancellation)
    {
        var channel = Channel.CreateBounded<AudioBatch>(new BoundedChannelOptions(_options.QueueCapacity) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task producer = Task.Run(() => Produce(files, examplesOf, batchSize, channel.Writer, stop.Token), CancellationToken.None);
        try
        {
            while (channel.Reader.WaitToReadAsync(cancellation).AsTask().GetAwaiter().GetResult())
                while (channel.Reader.TryRead(out AudioBatch? batch)) yield return batch;
        }
        finally
        {
            stop.Cancel(); // the consumer stopped early (or failed): let the producer go
            producer.GetAwaiter().GetResult();
        }
    }

    /// <summary>Decodes the files one batch-sized chunk at a time (in parallel within a chunk), packs the examples into batches and writes them.</summary>
    private async Task Produce(IReadOnlyList<int> files, Func<int, float[], float[][]> examplesOf, int batchSize, ChannelWriter<AudioBatch> writer, CancellationToken stop)
    {
        try
        {
            var pending = new List<(float[] Example, int File)>(batchSize);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.DecodeThreads, CancellationToken = stop };
            for (int start = 0; start < files.Count; start += batchSize)
            {
                int count = Math.Min(batchSize, files.Count - start);
                var examples = new float[count][][];
                Parallel.For(0, count, parallel, k => examples[k] = Decode(files[start + k]) is { } clip ? examplesOf(files[start + k], clip) : []);
                for (int k = 0; k < count; k++)
                {
                    foreach (float[] example in examples[k])
                    {
                        pending.Add((example, files[start + k]));
                        if (pending.Count == batchSize) await writer.WriteAsync(Pack(pending), stop).ConfigureAwait(false);
                    }
                }
            }
            if (pending.Count > 0) await writer.WriteAsync(Pack(pending), stop).ConfigureAwait(false);
            writer.Complete();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception e)
        {
            writer.TryComplete(e); // rethrown to the consumer by WaitToReadAsync
        }
    }

    /// <summary>Concatenates the pending examples into a batch and clears the list.</summary>
    private AudioBatch Pack(List<(float[] Example, int File)> pending)
    {
        int samples = _options.Clip.Length;
        var waveforms = new float[pending.Count * samples];
        for (int i = 0; i < pending.Count; i++) pending[i].Example.CopyTo(waveforms, i * samples);
        var batch = new AudioBatch(waveforms, [.. pending.Select(p => _dataset.Items[p.File].Label)], [.. pending.Select(p => p.File)], samples);
        pending.Clear();
        return batch;
    }
}
