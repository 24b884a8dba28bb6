namespace Leaf.Scoring;

/// <summary>The content of a result file: its columns and rows.</summary>
/// <param name="Columns">The label and value columns after the fixed ones.</param>
/// <param name="Rows">The rows, in file order.</param>
public sealed record ResultTable(ScoreColumns Columns, IReadOnlyList<ScoreRow> Rows)
{
    /// <summary>
    /// Splits a header read from a file into label and value columns: the label columns are <c>label</c> (one task) or
    /// <c>&lt;task&gt;_label</c> up to the first probability column of the first task; a timeline file's window columns are recognised.
    /// </summary>
    /// <exception cref="InvalidDataException">The header does not start with the fixed columns or has no label column.</exception>
    public static ScoreColumns ColumnsOf(IReadOnlyList<string> header, string source)
    {
        int first = ScoreColumns.Fixed.Count;
        bool timeline = header.Skip(first).Take(ScoreColumns.TimelineFixed.Count).SequenceEqual(ScoreColumns.TimelineFixed);
        if (timeline) first += ScoreColumns.TimelineFixed.Count;
        if (header.Count <= first || !header.Take(ScoreColumns.Fixed.Count).SequenceEqual(ScoreColumns.Fixed) || !header[first].EndsWith("label", StringComparison.Ordinal))
            throw new InvalidDataException($"{source}: not a leaf score result (expected columns {string.Join(",", ScoreColumns.Fixed)},label… or {string.Join(",", ScoreColumns.Fixed.Concat(ScoreColumns.TimelineFixed))},label…)");
        string firstProbability = header[first] == "label" ? "p_" : header[first][..^"label".Length] + "p_";
        int end = first + 1;
        while (end < header.Count && !header[end].StartsWith(firstProbability, StringComparison.Ordinal)) end++;
        return new ScoreColumns([.. header.Skip(first).Take(end - first)], [.. header.Skip(end)]) { Timeline = timeline };
    }
}
