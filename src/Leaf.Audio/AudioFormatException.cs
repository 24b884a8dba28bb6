namespace Leaf.Audio;

/// <summary>
/// An audio file (or in-memory buffer) that cannot be decoded: truncated or inconsistent header, missing chunk,
/// unsupported codec, no samples, non-finite samples, or an external decoder (ffmpeg) that failed or is missing.
/// The message names the file and the problem. A file that does not exist is reported as
/// <see cref="FileNotFoundException"/> / <see cref="DirectoryNotFoundException"/> instead.
/// </summary>
public sealed class AudioFormatException : Exception
{
    /// <summary>Creates the exception; the message becomes "<paramref name="filePath"/>: <paramref name="problem"/>".</summary>
    /// <param name="filePath">The file path, or the caller-given name of an in-memory source.</param>
    /// <param name="problem">What is wrong with it.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public AudioFormatException(string filePath, string problem, Exception? inner = null)
        : base($"{filePath}: {problem}", inner)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file path, or the caller-given name of an in-memory source (e.g. <c>&lt;memory&gt;</c>).</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
