using CsvHelper;
using Leaf.Audio;

namespace Leaf.Scoring;

/// <summary>
/// Lists the files of a scoring run, in a deterministic order: a folder recursively (audio extensions only, regular
/// files, sorted by path, ordinal; an unreadable subfolder is listed with its error, see <see cref="FolderScan"/>), or a CSV manifest with a <c>path</c> column (in manifest order).
/// </summary>
public static class ScoringInputs
{
    /// <summary>Extensions (with the dot, any case) of the files a folder contributes.</summary>
    public static IReadOnlySet<string> AudioExtensions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".wav", ".wave", ".flac", ".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".aif", ".aiff", ".au", ".wma", ".webm",
    };

    /// <summary>The files of <paramref name="input"/>: a folder or a <c>.csv</c> manifest.</summary>
    /// <exception cref="FileNotFoundException">Neither a folder nor a file.</exception>
    /// <exception cref="InvalidDataException">A manifest without a <c>path</c> column or with an empty path, or a folder without audio.</exception>
    public static IReadOnlyList<ScoringInput> List(string input)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(input);
        IReadOnlyList<ScoringInput> files;
        if (Directory.Exists(input)) files = FromFolder(input);
        else if (File.Exists(input)) files = FromManifest(input);
        else throw new FileNotFoundException($"{input}: no such folder or manifest", input);
        if (files.Count == 0) throw new InvalidDataException($"{input}: no audio files to score");
        return files;
    }

    // Regular files only; a subfolder that cannot be listed becomes an input with its error (an error row), the rest is scored.
    private static ScoringInput[] FromFolder(string folder) =>
        [.. FolderScan.Files(folder, f => AudioExtensions.Contains(System.IO.Path.GetExtension(f)) && !AtomicFile.IsTemporary(f))
            .Select((f, i) => new ScoringInput(i, f.Path, System.IO.Path.GetFullPath(f.Path), f.Error))];

    private static List<ScoringInput> FromManifest(string manifest)
    {
        if (!System.IO.Path.GetExtension(manifest).Equals(".csv", StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"{manifest}: the input must be a folder or a .csv manifest with a 'path' column");
        string root = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(manifest))!;
        using var csv = CsvReader.FromFile(manifest, new CsvReaderOptions { Separator = ',', TrimWhitespace = true, TrackLineNumbers = true });
        var header = csv.Headers.ToArray();
        int column = Array.FindIndex(header, h => h.Equals("path", StringComparison.OrdinalIgnoreCase));
        if (column < 0) throw new InvalidDataException($"{manifest}: no 'path' column in the header ({string.Join(",", header)})");
        var files = new List<ScoringInput>();
        while (csv.Read())
        {
            string path = column < csv.FieldCount ? csv.GetString(column) : "";
            if (path.Length == 0) throw new InvalidDataException($"{manifest}, line {csv.LineNumber}: empty path");
            files.Add(new ScoringInput(files.Count, path, System.IO.Path.GetFullPath(path, root)));
        }
        return files;
    }
}
