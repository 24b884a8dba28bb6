namespace Leaf.Datasets.Synthesis;

/// <summary>A note of a synthesised phrase.</summary>
/// <param name="Key">MIDI key number (60 = middle C).</param>
/// <param name="Velocity">Note-on velocity, 1–127.</param>
/// <param name="Start">Onset in seconds.</param>
/// <param name="Duration">Time until note-off in seconds.</param>
public sealed record MidiNote(int Key, int Velocity, double Start, double Duration);
