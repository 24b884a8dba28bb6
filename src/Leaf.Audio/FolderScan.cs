namespace Leaf.Audio;

/// <summary>
/// Lists the files under a folder, recursively, sorted by path (ordinal). Only regular files and links to them are
/// listed (a FIFO or device in the tree would hang or never end a reader); linked folders are followed, but no folder
/// twice (a link to an ancestor is not a loop of ever longer paths); and a subfolder that cannot be listed (no
/// permission, gone meanwhile) becomes an entry with an error instead of aborting the whole scan.
/// </summary>
public static class FolderScan
{
    /// <summary>The regular files under <paramref name="folder"/> whose path <paramref name="include"/> accepts, and the subfolders that could not be listed.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder itself cannot be listed.</exception>
    public static IReadOnlyList<FolderScanEntry> Files(string folder, Func<string, bool> include)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(include);
        var entries = new List<FolderScanEntry>();
        string real = RealPath(folder, Path.GetFullPath(folder));
        var top = Directory.EnumerateFileSystemEntries(folder).ToList(); // the folder itself must be readable: that error goes to the caller
        Walk(top, real, new HashSet<string>(StringComparer.Ordinal) { real }, entries, include);
        entries.Sort((a, b) => StringComparer.Ordinal.Compare(a.Path, b.Path));
        return entries;
    }

    private static void Walk(List<string> children, string realParent, HashSet<string> visited, List<FolderScanEntry> entries, Func<string, bool> include)
    {
        children.Sort(StringComparer.Ordinal); // which of two links to one folder is listed must not depend on the file system's order
        foreach (string path in children)
        {
            if (!Directory.Exists(path))
            {
                if (include(path) && RegularFile.Is(path)) entries.Add(new FolderScanEntry(path, null));
                continue;
            }
            string real = RealPath(path, Path.Combine(realParent, Path.GetFileName(path)));
            if (!visited.Add(real)) continue; // already listed through another link, or a link to an ancestor
            List<string> inner;
            try { inner = [.. Directory.EnumerateFileSystemEntries(path)]; }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                entries.Add(new FolderScanEntry(path, $"folder could not be listed: {e.Message}"));
                continue;
            }
            Walk(inner, real, visited, entries, include);
        }
    }

    // A linked folder's final target; any other folder's path under its parent's real path.
    private static string RealPath(string path, string fallback) =>
        new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true) is { } target ? Path.GetFullPath(target.FullName) : fallback;
}
