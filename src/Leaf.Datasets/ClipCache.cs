using System.Collections.Concurrent;

namespace Leaf.Datasets;

/// <summary>Decoded clips by file index, thread-safe, holding at most a fixed number of bytes (first come, first kept; never evicts).</summary>
internal sealed class ClipCache(long budgetBytes)
{
    private readonly ConcurrentDictionary<int, float[]> _clips = new();
    private long _bytes;

    /// <summary>Bytes held.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The cached clip of a file, if any.</summary>
    public bool TryGet(int file, out float[] clip) => _clips.TryGetValue(file, out clip!);

    /// <summary>Keeps <paramref name="clip"/> if it fits in the budget.</summary>
    public void Add(int file, float[] clip)
    {
        long size = (long)clip.Length * sizeof(float);
        if (Interlocked.Add(ref _bytes, size) > budgetBytes || !_clips.TryAdd(file, clip)) Interlocked.Add(ref _bytes, -size);
    }
}
