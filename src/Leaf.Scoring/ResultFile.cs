using Leaf.Audio;

namespace Leaf.Scoring;

/// <summary>Reads and writes result files; the format follows the extension: <c>.csv</c> or <c>.parquet</c>.</summary>
public static class ResultFile
{
    /// <summary>Throws unless <paramref name="path"/> ends in <c>.csv</c> or <c>.parquet</c>.</summary>
    /// <exception cref="ArgumentException">Another extension.</exception>
    public static void RequireSupported(string path) => IsParquet(path);

    /// <summary>Writes <paramref name="table"/> atomically (temporary file, then rename).</summary>
    public static void Write(string path, ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        bool parquet = IsParquet(path);
        AtomicFile.Write(path, stream =>
        {
            if (parquet) ParquetResultFormat.Write(stream, table);
            else CsvResultFormat.Write(stream, table);
        });
    }

    /// <summary>Reads a result file.</summary>
    /// <exception cref="InvalidDataException">It is not a result file written by <see cref="Write"/>.</exception>
    public static ResultTable Read(string path)
    {
        try { return IsParquet(path) ? ParquetResultFormat.Read(path) : CsvResultFormat.Read(path); }
        catch (Exception e) when (e is not (InvalidDataException or IOException or UnauthorizedAccessException))
        {
            throw new InvalidDataException($"{path}: not a readable result file ({e.Message})", e);
        }
    }

    private static bool IsParquet(string path)
    {
        string ext = Path.GetExtension(path);
        if (ext.Equals(".parquet", StringComparison.OrdinalIgnoreCase)) return true;
        if (ext.Equals(".csv", StringComparison.OrdinalIgnoreCase)) return false;
        throw new ArgumentException($"{path}: the output must end in .csv or .parquet");
    }
}
