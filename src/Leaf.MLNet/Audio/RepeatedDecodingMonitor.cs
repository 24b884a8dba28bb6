namespace Leaf.MLNet.Audio;

/// <summary>
/// Notices when one fitted <see cref="Microsoft.ML.LeafCatalog.LoadAudio"/> decodes the same files again and again, which
/// is what a multi-pass trainer (SDCA, L-BFGS, …) does to an uncached pipeline: every pass re-decodes and
/// re-featurizes every clip (measured on 500 one-second clips: over 25 minutes instead of 104 s with
/// <c>AppendCacheCheckpoint</c>). It then writes one warning to <see cref="LeafWarnings.Output"/>.
/// </summary>
/// <remarks>
/// Only the first <see cref="TrackedPaths"/> distinct paths are counted, so memory stays bounded on long scoring runs;
/// the warning needs <see cref="RepeatedFiles"/> of them decoded <see cref="Passes"/> times each, so a
/// <c>PredictionEngine</c> asked about the same file again and again does not trigger it.
/// </remarks>
internal sealed class RepeatedDecodingMonitor
{
    /// <summary>Decodes of one path that make it "repeated": the trainer's third pass over the data.</summary>
    public const int Passes = 3;

    /// <summary>Distinct repeated paths needed before warning.</summary>
    public const int RepeatedFiles = 8;

    /// <summary>Most distinct paths counted.</summary>
    public const int TrackedPaths = 4096;

    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);
    private int repeated;
    private bool warned;

    /// <summary>Counts one decode of <paramref name="path"/>; thread-safe (cursors may run on several threads).</summary>
    public void Decoded(string path)
    {
        lock (counts)
        {
            if (warned) return;
            if (!counts.TryGetValue(path, out int count))
            {
                if (counts.Count < TrackedPaths) counts[path] = 1;
                return;
            }
            counts[path] = ++count;
            if (count != Passes || ++repeated < RepeatedFiles) return;
            warned = true;
            counts.Clear();
        }
        LeafWarnings.Output.WriteLine(
            $"LEAF for .NET: warning: LoadAudio has decoded the same {RepeatedFiles} files {Passes} times each (e.g. '{path}'): " +
            "something makes several passes over uncached audio (a trainer such as SDCA, or Transform run again), and each pass " +
            "decodes and featurizes every file again. Append .AppendCacheCheckpoint(mlContext) after LeafFeaturize to do it once (docs/mlnet.md).");
    }
}
