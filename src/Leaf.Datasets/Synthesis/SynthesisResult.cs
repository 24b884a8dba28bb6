namespace Leaf.Datasets.Synthesis;

/// <summary>What a synthesis run did.</summary>
/// <param name="OutputDirectory">The output folder (full path).</param>
/// <param name="Total">Files in the dataset.</param>
/// <param name="Written">Files rendered by this run.</param>
/// <param name="Existing">Files already present and kept (a resumed run).</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record SynthesisResult(string OutputDirectory, int Total, int Written, int Existing, TimeSpan Elapsed)
{
    /// <summary>Rendered files per second of wall time.</summary>
    public double FilesPerSecond => Elapsed > TimeSpan.Zero ? Written / Elapsed.TotalSeconds : 0;
}
