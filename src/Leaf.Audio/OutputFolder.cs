namespace Leaf.Audio;

/// <summary>Creates the folder an output goes into, saying plainly when part of its path is an existing file.</summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="folder"/> and its parents.</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="output">The output it is for, named in messages.</param>
    /// <exception cref="IOException">A component of the path is a file, or the folder cannot be created; the message names <paramref name="output"/>.</exception>
    public static void Create(string folder, string output)
    {
        for (string? dir = Path.GetFullPath(folder); dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(dir))
                throw new IOException($"{output}: cannot create the folder {folder}: {dir} is a file, not a folder");
        Directory.CreateDirectory(folder);
    }
}
