namespace Leaf.Datasets.Synthesis;

/// <summary>An external program or data file a synthesiser needs, and the Debian package that provides it.</summary>
/// <param name="Path">A command name (looked up on PATH) or, for <paramref name="IsFile"/>, a file path.</param>
/// <param name="Package">The Debian/Ubuntu package that installs it.</param>
/// <param name="IsFile">A data file (e.g. a soundfont) rather than a program.</param>
public sealed record ToolRequirement(string Path, string Package, bool IsFile = false)
{
    /// <summary>The program's full path, or the file when it exists; <see langword="null"/> when missing.</summary>
    public string? Locate()
    {
        if (IsFile || Path.Contains('/') || Path.Contains(System.IO.Path.DirectorySeparatorChar))
            return File.Exists(Path) ? System.IO.Path.GetFullPath(Path) : null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => System.IO.Path.Combine(dir, Path)).FirstOrDefault(File.Exists);
    }
}
