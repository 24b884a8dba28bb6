namespace Leaf.MLNet;

/// <summary>
/// Where the ML.NET transforms of this library write warnings: today one, when a fitted <c>LoadAudio</c> decodes the
/// same files on several passes (an uncached pipeline in front of a multi-pass trainer; add <c>AppendCacheCheckpoint</c>).
/// ML.NET's own log channel is not open to third-party transforms, hence this writer.
/// </summary>
public static class LeafWarnings
{
    private static TextWriter? output;

    /// <summary>The writer for warnings: standard error unless set; set <see cref="TextWriter.Null"/> to silence them.</summary>
    public static TextWriter Output
    {
        get => output ?? Console.Error;
        set => output = value ?? throw new ArgumentNullException(nameof(value));
    }
}
