using Leaf.Onnx.Classifiers;

namespace Leaf.Scoring;

/// <summary>
/// The columns of a result file: <c>index</c>, <c>path</c>, <c>error</c>, <c>windows</c>, then the top label of each
/// task (<c>label</c>, or <c>&lt;task&gt;_label</c> with several tasks), then each task's probabilities
/// (<c>p_&lt;label&gt;</c> or <c>&lt;task&gt;_p_&lt;label&gt;</c>), then with embeddings <c>emb_0</c> … <c>emb_{E−1}</c>.
/// </summary>
/// <param name="LabelColumns">Names of the text columns after the fixed ones.</param>
/// <param name="ValueColumns">Names of the float columns after those.</param>
public sealed record ScoreColumns(IReadOnlyList<string> LabelColumns, IReadOnlyList<string> ValueColumns)
{
    /// <summary>The columns every result file starts with.</summary>
    public static IReadOnlyList<string> Fixed { get; } = ["index", "path", "error", "windows"];

    /// <summary>All column names in order.</summary>
    public IReadOnlyList<string> Header => [.. Fixed, .. LabelColumns, .. ValueColumns];

    /// <summary>The columns of <paramref name="model"/>'s results, with <paramref name="embeddingSize"/> embedding columns (0 for none).</summary>
    public static ScoreColumns For(ClassifierModelInfo model, int embeddingSize)
    {
        ArgumentNullException.ThrowIfNull(model);
        string Prefix(string task) => model.Tasks.Count == 1 ? "" : task + "_";
        return new ScoreColumns(
            [.. model.Tasks.Select(t => Prefix(t.Name) + "label")],
            [.. model.Tasks.SelectMany(t => t.Labels.Select(l => Prefix(t.Name) + "p_" + l)),
             .. Enumerable.Range(0, embeddingSize).Select(e => $"emb_{e}")]);
    }

    /// <summary>The row of a scored file.</summary>
    public static ScoreRow Row(ScoringInput input, ClassifierScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new ScoreRow(input.Index, input.Path, null, score.Windows, [.. score.Tasks.Select(t => t.TopLabel)],
            [.. score.Tasks.SelectMany(t => t.Probabilities), .. score.Embedding ?? []]);
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
