namespace Leaf.Audio;

/// <summary>One entry of a <see cref="FolderScan"/>: a regular file (<see cref="Error"/> null) or a subfolder that could not be listed.</summary>
/// <param name="Path">The path, as the folder argument plus the relative path.</param>
/// <param name="Error">Why the subfolder could not be listed; null for a file.</param>
public sealed record FolderScanEntry(string Path, string? Error);
