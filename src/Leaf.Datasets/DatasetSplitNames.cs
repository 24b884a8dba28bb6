namespace Leaf.Datasets;

/// <summary>Folder and manifest names of <see cref="DatasetSplit"/> values.</summary>
public static class DatasetSplitNames
{
    private static readonly Dictionary<string, DatasetSplit> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["train"] = DatasetSplit.Train, ["training"] = DatasetSplit.Train,
        ["valid"] = DatasetSplit.Valid, ["validation"] = DatasetSplit.Valid, ["val"] = DatasetSplit.Valid, ["dev"] = DatasetSplit.Valid,
        ["test"] = DatasetSplit.Test, ["testing"] = DatasetSplit.Test,
    };

    /// <summary>The canonical name: <c>train</c>, <c>valid</c> or <c>test</c> (as written by the synthesisers).</summary>
    public static string Name(this DatasetSplit split) => split switch
    {
        DatasetSplit.Train => "train",
        DatasetSplit.Valid => "valid",
        DatasetSplit.Test => "test",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split"),
    };

    /// <summary>
    /// Parses a split name, case-insensitively: train/training, valid/validation/val/dev, test/testing.
    /// Returns <see langword="false"/> for anything else.
    /// </summary>
    public static bool TryParse(string? text, out DatasetSplit split) => Aliases.TryGetValue(text?.Trim() ?? "", out split);

    /// <summary>Every accepted spelling, for error messages.</summary>
    public static string Accepted => string.Join(", ", Aliases.Keys);
}
