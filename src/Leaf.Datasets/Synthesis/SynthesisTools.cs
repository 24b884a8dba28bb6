namespace Leaf.Datasets.Synthesis;

/// <summary>Where the external synthesisers live.</summary>
/// <param name="Espeak">espeak-ng executable (a name on PATH or a path).</param>
/// <param name="Fluidsynth">fluidsynth executable (a name on PATH or a path).</param>
/// <param name="SoundFont">General MIDI soundfont for fluidsynth (Debian package fluid-soundfont-gm).</param>
public sealed record SynthesisTools(
    string Espeak = "espeak-ng",
    string Fluidsynth = "fluidsynth",
    string SoundFont = "/usr/share/sounds/sf2/FluidR3_GM.sf2")
{
    /// <summary>The Debian locations.</summary>
    public static SynthesisTools Default { get; } = new();
}
