namespace Leaf.Datasets.Synthesis;

/// <summary>Everything that determines one synthesised instrument clip.</summary>
/// <param name="Family">Instrument family (the class).</param>
/// <param name="Program">0-based General MIDI program.</param>
/// <param name="Notes">The phrase: one to three consecutive notes.</param>
/// <param name="Mix">Noise and level.</param>
public sealed record InstrumentRecipe(string Family, int Program, IReadOnlyList<MidiNote> Notes, MixRecipe Mix)
{
    /// <summary>"family=piano program=4 notes=60@0.05+0.40/96,… noise=… snr=… peak=…" (key@start+duration/velocity).</summary>
    public override string ToString() =>
        FormattableString.Invariant($"family={Family} program={Program} notes={string.Join(' ', Notes.Select(n => FormattableString.Invariant($"{n.Key}@{n.Start:0.000}+{n.Duration:0.000}/{n.Velocity}")))} {Mix}");
}
