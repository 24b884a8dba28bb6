namespace Leaf.Audio;

/// <summary>
/// Writes a file so that it appears complete or not at all: the content goes to a hidden temporary file in the
/// same folder (".name.tmp-…", ignored by dataset scans), which is then renamed over the target.
/// </summary>
public static class AtomicFile
{
    /// <summary>The marker in temporary file names (see <see cref="IsTemporary"/>).</summary>
    private const string TempMarker = ".tmp-";

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; on failure the temporary file is removed and nothing else changes.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        OutputFolder.Create(dir, path);
        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}{TempMarker}{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes text (UTF-8) atomically.</summary>
    public static void WriteText(string path, string text) => Write(path, s => s.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>Whether <paramref name="path"/> is a temporary file left behind by an interrupted <see cref="Write"/>.</summary>
    public static bool IsTemporary(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith('.') && name.Contains(TempMarker, StringComparison.Ordinal);
    }
}
