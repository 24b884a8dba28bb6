using System.Globalization;

namespace Leaf.Datasets.Synthesis;

/// <summary>Everything that determines one synthesised keyword clip.</summary>
/// <param name="Word">The word spoken.</param>
/// <param name="Voice">espeak-ng voice (an English variety, e.g. en-gb-scotland).</param>
/// <param name="Variant">espeak-ng voice variant (f1–f4 female, m1–m7 male).</param>
/// <param name="Speed">Speaking rate in words per minute (espeak-ng -s).</param>
/// <param name="Pitch">Pitch, 0–99 (espeak-ng -p).</param>
/// <param name="Placement">Where the word starts, as a fraction of the room left in the clip (0 = at the start, 1 = ending at the end).</param>
/// <param name="Mix">Noise and level.</param>
public sealed record KeywordRecipe(string Word, string Voice, string Variant, int Speed, int Pitch, double Placement, MixRecipe Mix)
{
    /// <summary>The espeak-ng arguments that speak the word to standard output as WAV.</summary>
    public IReadOnlyList<string> EspeakArguments =>
        ["-v", $"{Voice}+{Variant}", "-s", Speed.ToString(CultureInfo.InvariantCulture), "-p", Pitch.ToString(CultureInfo.InvariantCulture), "--stdout", Word];

    /// <summary>"word=yes voice=en-us+f3 speed=160 pitch=55 placement=0.31 noise=… snr=… peak=…".</summary>
    public override string ToString() =>
        FormattableString.Invariant($"word={Word} voice={Voice}+{Variant} speed={Speed} pitch={Pitch} placement={Placement:0.00} {Mix}");
}
