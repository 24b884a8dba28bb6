namespace Leaf.Scoring;

/// <summary>One file to score.</summary>
/// <param name="Index">Position in the full input list (before sharding); output rows are ordered by it.</param>
/// <param name="Path">The path as listed (written to the output's <c>path</c> column).</param>
/// <param name="FullPath">Where to read it (a manifest's relative paths are resolved against the manifest's folder).</param>
/// <param name="Error">Why it cannot be read, known when listing (a subfolder that could not be listed); it becomes an error row.</param>
public sealed record ScoringInput(long Index, string Path, string FullPath, string? Error = null);
