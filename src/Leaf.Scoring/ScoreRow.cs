namespace Leaf.Scoring;

/// <summary>One row of a result file: a scored file, or one that could not be scored (<see cref="Error"/> set, no values).</summary>
/// <param name="Index">Position of the file in the full input list; rows are written in this order.</param>
/// <param name="Path">The file as listed.</param>
/// <param name="Error">Why the file could not be scored; null for a scored file.</param>
/// <param name="Windows">Windows scored (0 for an error row).</param>
/// <param name="Labels">The top label of each task (<see cref="ScoreColumns.LabelColumns"/>); null for an error row.</param>
/// <param name="Values">Probabilities then embedding (<see cref="ScoreColumns.ValueColumns"/>); null for an error row.</param>
/// <param name="Span">In a timeline result file, the window the row scores; null for a whole file and for an error row.</param>
public sealed record ScoreRow(long Index, string Path, string? Error, int Windows, string[]? Labels, float[]? Values, WindowSpan? Span = null)
{
    /// <summary>The row's place in a result file, which is sorted by it: the input index, then the window number (−1 for none).</summary>
    public (long Index, long Window) Key => (Index, Span?.Number ?? -1);

    /// <summary>An error row.</summary>
    public static ScoreRow Failed(ScoringInput input, string reason) =>
        new(input.Index, input.Path, reason.ReplaceLineEndings(" "), 0, null, null);

    /// <summary>Whether the two rows hold the same content (arrays compared element-wise).</summary>
    public bool SameAs(ScoreRow other) =>
        Index == other.Index && Path == other.Path && Error == other.Error && Windows == other.Windows && Span == other.Span
        && (Labels ?? []).SequenceEqual(other.Labels ?? []) && (Values ?? []).SequenceEqual(other.Values ?? []);
}
