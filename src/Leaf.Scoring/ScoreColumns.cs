using Leaf.Onnx.Classifiers;

namespace Leaf.Scoring;

/// <summary>
/// The columns of a result file: <c>index</c>, <c>path</c>, <c>error</c>, <c>windows</c>, in a timeline file
/// <c>window</c>, <c>start_s</c>, <c>end_s</c> (one row per file and window), then the top label of each
/// task (<c>label</c>, or <c>&lt;task&gt;_label</c> with several tasks), then each task's probabilities
/// (<c>p_&lt;label&gt;</c> or <c>&lt;task&gt;_p_&lt;label&gt;</c>), then with embeddings <c>emb_0</c> … <c>emb_{E−1}</c>.
/// </summary>
/// <param name="LabelColumns">Names of the text columns after the fixed ones.</param>
/// <param name="ValueColumns">Names of the float columns after those.</param>
public sealed record ScoreColumns(IReadOnlyList<string> LabelColumns, IReadOnlyList<string> ValueColumns)
{
    /// <summary>The columns every result file starts with.</summary>
    public static IReadOnlyList<string> Fixed { get; } = ["index", "path", "error", "windows"];

    /// <summary>The columns a timeline file has after <see cref="Fixed"/>.</summary>
    public static IReadOnlyList<string> TimelineFixed { get; } = ["window", "start_s", "end_s"];

    /// <summary>Whether rows are timeline windows (the <see cref="TimelineFixed"/> columns follow the fixed ones).</summary>
    public bool Timeline { get; init; }

    /// <summary>All column names in order.</summary>
    public IReadOnlyList<string> Header => [.. Fixed, .. Timeline ? TimelineFixed : [], .. LabelColumns, .. ValueColumns];

    /// <summary>The columns of <paramref name="model"/>'s results, with <paramref name="embeddingSize"/> embedding columns (0 for none), of a timeline when <paramref name="timeline"/>.</summary>
    public static ScoreColumns For(ClassifierModelInfo model, int embeddingSize, bool timeline = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        string Prefix(string task) => model.Tasks.Count == 1 ? "" : task + "_";
        return new ScoreColumns(
            [.. model.Tasks.Select(t => Prefix(t.Name) + "label")],
            [.. model.Tasks.SelectMany(t => t.Labels.Select(l => Prefix(t.Name) + "p_" + l)),
             .. Enumerable.Range(0, embeddingSize).Select(e => $"emb_{e}")]) { Timeline = timeline };
    }

    /// <summary>The row of a scored file.</summary>
    public static ScoreRow Row(ScoringInput input, ClassifierScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new ScoreRow(input.Index, input.Path, null, score.Windows, [.. score.Tasks.Select(t => t.TopLabel)],
            [.. score.Tasks.SelectMany(t => t.Probabilities), .. score.Embedding ?? []]);
    }

    /// <summary>The row of one window of a file's timeline.</summary>
    public static ScoreRow Row(ScoringInput input, TimelineWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return Row(input, window.Score) with { Span = new WindowSpan(window.Index, window.Start, window.End) };
    }

    /// <summary>Checks that <paramref name="header"/> (read from <paramref name="source"/>) is this header.</summary>
    /// <exception cref="InvalidDataException">It is not.</exception>
    public void RequireHeader(IReadOnlyList<string> header, string source)
    {
        if (!header.SequenceEqual(Header))
            throw new InvalidDataException($"{source}: its columns ({Summary(header)}) are not those of this model and options ({Summary(Header)}); write to a new --out");
    }

    private static string Summary(IReadOnlyList<string> header) =>
        header.Count <= 8 ? string.Join(",", header) : $"{string.Join(",", header.Take(6))},… {header.Count} columns";
}
