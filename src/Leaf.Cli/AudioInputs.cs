namespace Leaf.Cli;

/// <summary>Expands command-line audio arguments: files as given, folders recursively (audio extensions only), sorted.</summary>
internal static class AudioInputs
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    { ".wav", ".wave", ".flac", ".mp3", ".ogg", ".opus", ".m4a", ".aac", ".aiff", ".aif", ".wma" };

    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (string a in arguments)
        {
            if (Directory.Exists(a))
                files.AddRange(Directory.EnumerateFiles(a, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal));
            else if (File.Exists(a)) files.Add(a);
            else throw new FileNotFoundException($"{a}: no such file or folder", a);
        }
        if (files.Count == 0) throw new ArgumentException("no audio files found in the given arguments");
        return files;
    }
}
