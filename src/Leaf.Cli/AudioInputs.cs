using Leaf.Audio;

namespace Leaf.Cli;

/// <summary>
/// Expands command-line audio arguments: files as given, folders recursively (audio extensions only, regular files,
/// sorted; see <see cref="FolderScan"/>).
/// </summary>
internal static class AudioInputs
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    { ".wav", ".wave", ".flac", ".mp3", ".ogg", ".opus", ".m4a", ".aac", ".aiff", ".aif", ".wma" };

    /// <summary>The files the arguments name; a subfolder that cannot be listed is reported on <paramref name="log"/> and skipped.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments, TextWriter log)
    {
        var files = new List<string>();
        foreach (string a in arguments)
        {
            if (Directory.Exists(a))
                foreach (var entry in FolderScan.Files(a, f => Extensions.Contains(Path.GetExtension(f))))
                {
                    if (entry.Error is null) files.Add(entry.Path);
                    else log.WriteLine($"skipped {entry.Path}: {entry.Error}");
                }
            else if (File.Exists(a)) files.Add(a);
            else throw new FileNotFoundException($"{a}: no such file or folder", a);
        }
        if (files.Count == 0) throw new ArgumentException("no audio files found in the given arguments");
        return files;
    }
}
