namespace Leaf.Audio;

/// <summary>
/// An exclusive lock on an output — a results file or a run folder — held while a command writes it, so that a second
/// writer fails at once with a clear message instead of silently overwriting the first one's work. It is an advisory OS
/// lock (<c>flock</c> on Unix, a share-nothing handle on Windows) on a hidden file: <c>.NAME.lock</c> beside a file
/// output, <c>.leaf.lock</c> inside a folder output. The OS drops it when the process ends however it ends, so after a
/// <c>kill -9</c> a leftover lock file does not block the next run; a normal end removes the file.
/// </summary>
public sealed class OutputLock : IDisposable
{
    /// <summary>Name of the lock file inside a locked folder.</summary>
    public const string FolderLockName = ".leaf.lock";

    private readonly FileStream stream;

    private OutputLock(string output, string lockPath)
    {
        OutputFolder.Create(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(lockPath))!, output);
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
            {
                throw new IOException($"{output}: another process is writing it (it holds {lockPath}); wait for it to end or write to another output", e);
            }
            if (File.Exists(lockPath) || attempt == 3) break;
            stream.Dispose(); // the holder released and removed the file between our open and our lock: lock a fresh one
        }
        Path = lockPath;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Locks the file output <paramref name="path"/> (creating its folder).</summary>
    /// <exception cref="IOException">Another process holds the lock, or the folder cannot be created; the message names the output.</exception>
    public static OutputLock ForFile(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        return new OutputLock(path, System.IO.Path.Combine(System.IO.Path.GetDirectoryName(full)!, $".{System.IO.Path.GetFileName(full)}.lock"));
    }

    /// <summary>Locks the folder output <paramref name="path"/> (creating it).</summary>
    /// <inheritdoc cref="ForFile" path="/exception"/>
    public static OutputLock ForFolder(string path) => new(path, System.IO.Path.Combine(System.IO.Path.GetFullPath(path), FolderLockName));

    /// <summary>Releases the lock and removes the lock file.</summary>
    public void Dispose() => stream.Dispose();
}
