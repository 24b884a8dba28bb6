using Leaf.Audio;

namespace Leaf.Datasets;

/// <summary>One readable file of an <see cref="AudioDataset"/>.</summary>
/// <param name="Path">Full path.</param>
/// <param name="Key">Path relative to the dataset root ('/' separators).</param>
/// <param name="Label">Index into <see cref="AudioDataset.Labels"/>.</param>
/// <param name="Split">Which split it belongs to.</param>
/// <param name="Info">Format, rate and length from the index pass.</param>
public sealed record DatasetItem(string Path, string Key, int Label, DatasetSplit Split, AudioInfo Info);
