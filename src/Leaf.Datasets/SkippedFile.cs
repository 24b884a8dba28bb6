namespace Leaf.Datasets;

/// <summary>A file left out of a dataset, and why (unreadable, not audio, missing, listed twice…).</summary>
/// <param name="Path">The file's path.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record SkippedFile(string Path, string Reason)
{
    /// <summary>"path: reason".</summary>
    public override string ToString() => $"{Path}: {Reason}";
}
