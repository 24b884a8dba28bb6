namespace Leaf.Datasets;

/// <summary>
/// Accumulates the logits of evaluation windows and averages them per file (the paper's test-time protocol).
/// Feed it each batch's logits with the batch's <see cref="AudioBatch.FileIndices"/>.
/// </summary>
public sealed class FileLogitAverager
{
    private readonly Dictionary<int, (double[] Sum, int Windows)> _files = [];

    /// <summary>An empty accumulator for <paramref name="classes"/> logits per window.</summary>
    public FileLogitAverager(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        Classes = classes;
    }

    /// <summary>Logits per window.</summary>
    public int Classes { get; }

    /// <summary>Files seen so far.</summary>
    public int Files => _files.Count;

    /// <summary>Adds a batch: <paramref name="logits"/> is [windows × <see cref="Classes"/>] row-major, <paramref name="fileIndices"/> the file of each window.</summary>
    /// <exception cref="ArgumentException">The lengths do not match.</exception>
    public void Add(ReadOnlySpan<float> logits, ReadOnlySpan<int> fileIndices)
    {
        if (logits.Length != fileIndices.Length * Classes)
            throw new ArgumentException($"{logits.Length} logits do not make {fileIndices.Length} windows × {Classes} classes", nameof(logits));
        for (int w = 0; w < fileIndices.Length; w++)
        {
            if (!_files.TryGetValue(fileIndices[w], out var entry)) entry = (new double[Classes], 0);
            ReadOnlySpan<float> row = logits.Slice(w * Classes, Classes);
            for (int c = 0; c < Classes; c++) entry.Sum[c] += row[c];
            _files[fileIndices[w]] = (entry.Sum, entry.Windows + 1);
        }
    }

    /// <summary>The mean logits of each file seen.</summary>
    public IReadOnlyDictionary<int, float[]> Means() =>
        _files.ToDictionary(f => f.Key, f => f.Value.Sum.Select(s => (float)(s / f.Value.Windows)).ToArray());

    /// <summary>The predicted class of each file: argmax of its mean logits (the first on ties).</summary>
    public IReadOnlyDictionary<int, int> Predictions() => Means().ToDictionary(f => f.Key, f => ArgMax(f.Value));

    /// <summary>Fraction of the files seen whose prediction equals their label in <paramref name="dataset"/> (NaN when none was seen: an empty split has no accuracy, and the trainer then keeps the latest epoch as its best).</summary>
    public double Accuracy(AudioDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (_files.Count == 0) return double.NaN;
        return Predictions().Count(p => dataset.Items[p.Key].Label == p.Value) / (double)_files.Count;
    }

    private static int ArgMax(float[] values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
