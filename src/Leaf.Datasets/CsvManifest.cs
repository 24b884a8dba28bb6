namespace Leaf.Datasets;

/// <summary>
/// Reads a manifest <c>path,label[,split]</c> (RFC 4180 quoting, see <see cref="CsvRows"/>). Paths are relative to the CSV's folder (absolute
/// paths are kept). The header is optional: a first row whose first two cells are a path name (path, file,
/// filename, filepath) and a label name (label, class, category) is a header; then the split is the column named
/// "split", if any, and other columns are ignored. Either every row has a split or none has one.
/// Missing files and files listed twice are reported as skipped; a malformed row is an error naming its line.
/// </summary>
public static class CsvManifest
{
    private static readonly string[] PathNames = ["path", "file", "filename", "filepath", "file_path"];
    private static readonly string[] LabelNames = ["label", "class", "category"];

    /// <summary>The labelled files listed in <paramref name="csvPath"/>; missing and repeated ones go to <paramref name="skipped"/>.</summary>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="InvalidDataException">A row is malformed (names the line and the problem).</exception>
    public static List<LabelledFile> Read(string csvPath, ICollection<SkippedFile> skipped)
    {
        csvPath = Path.GetFullPath(csvPath);
        string root = Path.GetDirectoryName(csvPath)!;
        var rows = CsvRows.Parse(File.ReadAllText(csvPath), csvPath).ToList();
        if (rows.Count == 0) throw new InvalidDataException($"{csvPath}: the manifest is empty (expected rows path,label[,split])");

        bool header = IsHeader(rows[0].Cells);
        int splitColumn = header ? Array.FindIndex(rows[0].Cells, c => c.Equals("split", StringComparison.OrdinalIgnoreCase)) : 2;
        var files = new List<LabelledFile>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        bool? withSplit = null;
        foreach ((int line, string[] cells) in header ? rows.Skip(1) : rows)
        {
            string Cell(int i) => i >= 0 && i < cells.Length ? cells[i] : "";
            (string relative, string label, string splitText) = (Cell(0), Cell(1), Cell(splitColumn));
            if (!header && cells.Length > 3) throw Malformed(csvPath, line, $"{cells.Length} cells; without a header a row is path,label[,split]");
            if (relative.Length == 0 || label.Length == 0) throw Malformed(csvPath, line, "a row needs a path and a label");
            DatasetSplit? split = null;
            if (splitText.Length > 0)
            {
                if (!DatasetSplitNames.TryParse(splitText, out DatasetSplit parsed))
                    throw Malformed(csvPath, line, $"unknown split '{splitText}' (accepted: {DatasetSplitNames.Accepted})");
                split = parsed;
            }
            if (withSplit is bool expected && expected != split.HasValue)
                throw Malformed(csvPath, line, "either every row names a split or none does");
            withSplit = split.HasValue;

            string full = Path.GetFullPath(Path.Combine(root, relative));
            if (firstLine.TryGetValue(full, out int first)) { skipped.Add(new SkippedFile(full, $"listed again on line {line} of {csvPath} (first on line {first})")); continue; }
            firstLine[full] = line;
            if (!File.Exists(full)) { skipped.Add(new SkippedFile(full, $"file not found (listed on line {line} of {csvPath})")); continue; }
            files.Add(new LabelledFile(full, DatasetFolder.Key(root, full), label, split));
        }
        return files;
    }

    private static bool IsHeader(string[] cells) =>
        cells.Length >= 2 && PathNames.Contains(cells[0], StringComparer.OrdinalIgnoreCase) && LabelNames.Contains(cells[1], StringComparer.OrdinalIgnoreCase);

    private static InvalidDataException Malformed(string csvPath, int line, string problem) => new($"{csvPath}, line {line}: {problem}");
}
