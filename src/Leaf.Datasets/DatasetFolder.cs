namespace Leaf.Datasets;

/// <summary>
/// Lists the files of a dataset folder: <c>DIR/&lt;label&gt;/**</c>, or <c>DIR/{train,valid,test}/&lt;label&gt;/**</c>
/// when the top-level folders are split names (see <see cref="DatasetSplitNames"/>). Files at the top level
/// (a README, a manifest) are ignored; hidden files and folders (name starting with '.') too. Audio files are
/// recognised by extension; any other file inside a class folder is reported as skipped.
/// </summary>
public static class DatasetFolder
{
    /// <summary>The labelled files under <paramref name="root"/>; non-audio files go to <paramref name="skipped"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">Split folders mixed with class folders at the top level.</exception>
    public static List<LabelledFile> Scan(string root, DatasetOptions options, ICollection<SkippedFile> skipped)
    {
        ArgumentNullException.ThrowIfNull(options);
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"dataset folder not found: {root}");
        var top = Visible(Directory.EnumerateDirectories(root)).ToList();
        var splitFolders = top.Where(d => DatasetSplitNames.TryParse(Path.GetFileName(d), out _)).ToList();
        if (splitFolders.Count == 0)
            return [.. top.SelectMany(dir => ClassFiles(root, dir, split: null, options, skipped))];
        if (splitFolders.Count != top.Count)
            throw new InvalidDataException($"{root}: the top-level folders mix split names ({Names(splitFolders)}) with other folders " +
                                           $"({Names(top.Except(splitFolders))}); use either DIR/<label>/ or DIR/<split>/<label>/ with splits {DatasetSplitNames.Accepted}");
        var files = new List<LabelledFile>();
        foreach (string splitDir in splitFolders)
        {
            DatasetSplitNames.TryParse(Path.GetFileName(splitDir), out DatasetSplit split);
            foreach (string stray in Visible(Directory.EnumerateFiles(splitDir)))
                skipped.Add(new SkippedFile(stray, $"not inside a class folder (expected {Path.GetFileName(splitDir)}/<label>/file)"));
            foreach (string classDir in Visible(Directory.EnumerateDirectories(splitDir)))
                files.AddRange(ClassFiles(root, classDir, split, options, skipped));
        }
        return files;
    }

    /// <summary>Every visible file under a class folder (recursively), labelled with the folder's name.</summary>
    private static IEnumerable<LabelledFile> ClassFiles(string root, string classDir, DatasetSplit? split, DatasetOptions options, ICollection<SkippedFile> skipped)
    {
        string label = Path.GetFileName(classDir);
        foreach (string file in VisibleFiles(classDir))
        {
            string extension = Path.GetExtension(file);
            if (options.AudioExtensions.Contains(extension))
                yield return new LabelledFile(file, Key(root, file), label, split);
            else
                skipped.Add(new SkippedFile(file, $"extension '{extension}' is not an audio format ({string.Join(' ', options.AudioExtensions.Order(StringComparer.Ordinal))})"));
        }
    }

    /// <summary>The path relative to the root with '/' separators.</summary>
    internal static string Key(string root, string file) => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');

    private static IEnumerable<string> VisibleFiles(string dir) =>
        Visible(Directory.EnumerateFiles(dir)).Concat(Visible(Directory.EnumerateDirectories(dir)).SelectMany(VisibleFiles));

    private static IEnumerable<string> Visible(IEnumerable<string> paths) => paths.Where(p => !Path.GetFileName(p).StartsWith('.'));

    private static string Names(IEnumerable<string> dirs) => string.Join(", ", dirs.Select(Path.GetFileName).Order(StringComparer.Ordinal));
}
