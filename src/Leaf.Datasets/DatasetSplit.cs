namespace Leaf.Datasets;

/// <summary>The three parts of a dataset.</summary>
public enum DatasetSplit
{
    /// <summary>Training data (random crops, shuffled).</summary>
    Train,

    /// <summary>Validation data (model selection; evaluated on non-overlapping windows).</summary>
    Valid,

    /// <summary>Held-out test data.</summary>
    Test,
}
