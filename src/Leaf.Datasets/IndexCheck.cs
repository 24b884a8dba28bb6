namespace Leaf.Datasets;

/// <summary>How thoroughly the index pass checks each file.</summary>
public enum IndexCheck
{
    /// <summary>Read the header only (WAV natively, other formats through ffprobe): fast, catches truncated headers, non-audio files and empty files.</summary>
    Header,

    /// <summary>Decode every file completely: slower, also catches damaged sample data (NaN/∞ samples, broken compressed streams).</summary>
    Decode,
}
