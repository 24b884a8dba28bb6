namespace Leaf.Datasets;

/// <summary>
/// A labelled audio dataset: a folder (<c>DIR/&lt;label&gt;/*</c> or <c>DIR/&lt;split&gt;/&lt;label&gt;/*</c>, see
/// <see cref="DatasetFolder"/>) or a CSV manifest (see <see cref="CsvManifest"/>), checked file by file (see
/// <see cref="DatasetIndexer"/>) and split into train/valid/test — as given, or drawn with
/// <see cref="StratifiedSplit"/> when the source names no split. Unreadable files are listed in <see cref="Skipped"/>
/// with the reason, never silently dropped. Items are sorted by <see cref="DatasetItem.Key"/> (ordinal), so item
/// indices are stable for a given set of files.
/// </summary>
public sealed class AudioDataset
{
    private readonly IReadOnlyList<int>[] _bySplit;

    private AudioDataset(string source, IReadOnlyList<string> labels, IReadOnlyList<DatasetItem> items, IReadOnlyList<SkippedFile> skipped, bool explicitSplit)
    {
        (Source, Labels, Items, Skipped, ExplicitSplit) = (source, labels, items, skipped, explicitSplit);
        _bySplit = [.. Enum.GetValues<DatasetSplit>().Select(s => (IReadOnlyList<int>)[.. Enumerable.Range(0, items.Count).Where(i => items[i].Split == s)])];
    }

    /// <summary>The folder or manifest the dataset was read from (full path).</summary>
    public string Source { get; }

    /// <summary>Class names, sorted ordinally; a label index points into this list. Includes every class that had a file listed, even if none was readable.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The readable files, sorted by key. "File index" elsewhere in this namespace means an index into this list.</summary>
    public IReadOnlyList<DatasetItem> Items { get; }

    /// <summary>Files left out, with the reason, in the order they were found.</summary>
    public IReadOnlyList<SkippedFile> Skipped { get; }

    /// <summary>Whether the split came from the folder layout or the manifest (else it was drawn).</summary>
    public bool ExplicitSplit { get; }

    /// <summary>Indices into <see cref="Items"/> of the files in <paramref name="split"/>, ascending.</summary>
    public IReadOnlyList<int> IndicesOf(DatasetSplit split) => _bySplit[(int)split];

    /// <summary>
    /// Reads a dataset folder, or a manifest when <paramref name="path"/> is a <c>.csv</c> file.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="InvalidDataException">A malformed manifest or folder layout, or no readable file at all.</exception>
    public static AudioDataset Load(string path, DatasetOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= DatasetOptions.Default;
        options.Fractions.Validated();
        var skipped = new List<SkippedFile>();
        bool manifest = Path.GetExtension(path).Equals(".csv", StringComparison.OrdinalIgnoreCase) && !Directory.Exists(path);
        if (manifest && !File.Exists(path)) throw new FileNotFoundException($"dataset manifest not found: {Path.GetFullPath(path)}", path);
        if (!manifest && File.Exists(path)) throw new InvalidDataException($"{path}: a dataset is a folder or a .csv manifest");
        List<LabelledFile> files = manifest ? CsvManifest.Read(path, skipped) : DatasetFolder.Scan(path, options, skipped);
        return FromFiles(Path.GetFullPath(path), files, options, skipped);
    }

    /// <summary>Builds a dataset from already-listed files: checks each one, then splits.</summary>
    /// <param name="source">Name of the source (for messages and the summary).</param>
    /// <param name="files">The files; a split is drawn only if none of them has one.</param>
    /// <param name="options">Check, split and decoding options.</param>
    /// <param name="skipped">Files already left out while listing (they are kept in <see cref="Skipped"/>).</param>
    /// <exception cref="InvalidDataException">No readable file, or some files with a split and some without.</exception>
    public static AudioDataset FromFiles(string source, IReadOnlyList<LabelledFile> files, DatasetOptions options, IEnumerable<SkippedFile>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var skippedList = new List<SkippedFile>(skipped ?? []);
        int withSplit = files.Count(f => f.Split is not null);
        if (withSplit != 0 && withSplit != files.Count)
            throw new InvalidDataException($"{source}: {withSplit} of {files.Count} files name a split; either all or none must");
        var readable = DatasetIndexer.Index(files, options, skippedList);
        if (readable.Count == 0)
            throw new InvalidDataException($"{source}: no readable audio file found ({files.Count} listed, {skippedList.Count} skipped" +
                                           (skippedList.Count > 0 ? $"; first: {skippedList[0]}" : "") + ")");
        readable.Sort((a, b) => string.CompareOrdinal(a.File.Key, b.File.Key));

        string[] labels = [.. files.Select(f => f.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        bool explicitSplit = withSplit > 0;
        DatasetSplit[] splits = explicitSplit
            ? [.. readable.Select(r => r.File.Split!.Value)]
            : StratifiedSplit.Assign([.. readable.Select(r => (r.File.Key, r.File.Label))], options.Fractions, options.Seed);
        DatasetItem[] items = [.. readable.Select((r, i) => new DatasetItem(r.File.Path, r.File.Key, labelIndex[r.File.Label], splits[i], r.Info))];
        return new AudioDataset(source, labels, items, skippedList, explicitSplit);
    }

    /// <summary>Files per class and split, durations, and the number skipped (print it with ToString).</summary>
    public DatasetSummary Summary()
    {
        var counts = new int[Labels.Count, 3];
        var duration = Enum.GetValues<DatasetSplit>().ToDictionary(s => s, _ => TimeSpan.Zero);
        foreach (DatasetItem item in Items)
        {
            counts[item.Label, (int)item.Split]++;
            duration[item.Split] += item.Info.Duration;
        }
        ClassCounts[] rows = [.. Labels.Select((l, c) => new ClassCounts(l, counts[c, 0], counts[c, 1], counts[c, 2]))];
        return new DatasetSummary(Source, rows, duration, Skipped.Count, ExplicitSplit);
    }
}
