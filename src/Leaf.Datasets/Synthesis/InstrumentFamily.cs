namespace Leaf.Datasets.Synthesis;

/// <summary>An instrument class of the synthesised instruments dataset: several General MIDI programs and a playable key range.</summary>
/// <param name="Name">Class name (folder name).</param>
/// <param name="Programs">0-based GM program numbers drawn from.</param>
/// <param name="LowestKey">Lowest MIDI key played.</param>
/// <param name="HighestKey">Highest MIDI key played.</param>
public sealed record InstrumentFamily(string Name, IReadOnlyList<int> Programs, int LowestKey, int HighestKey);
