namespace Leaf.Datasets;

/// <summary>A file found in a dataset folder or listed in a manifest, before it has been checked.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Key">Path relative to the dataset root with '/' separators: the stable key used for sorting and splitting.</param>
/// <param name="Label">Class name.</param>
/// <param name="Split">The split given by the folder layout or manifest; <see langword="null"/> when it is to be drawn.</param>
public sealed record LabelledFile(string Path, string Key, string Label, DatasetSplit? Split);
