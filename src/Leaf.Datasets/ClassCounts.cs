namespace Leaf.Datasets;

/// <summary>Files of one class in each split.</summary>
/// <param name="Label">Class name.</param>
/// <param name="Train">Training files.</param>
/// <param name="Valid">Validation files.</param>
/// <param name="Test">Test files.</param>
public sealed record ClassCounts(string Label, int Train, int Valid, int Test)
{
    /// <summary>All files of the class.</summary>
    public int Total => Train + Valid + Test;

    /// <summary>The count for one split.</summary>
    public int this[DatasetSplit split] => split switch
    {
        DatasetSplit.Train => Train,
        DatasetSplit.Valid => Valid,
        DatasetSplit.Test => Test,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split"),
    };
}
