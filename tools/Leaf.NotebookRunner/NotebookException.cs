namespace Leaf.NotebookRunner;

/// <summary>A notebook failed: <see cref="CellNumber"/> is the 1-based position of the failing cell among all cells, or null when no cell is to blame.</summary>
public sealed class NotebookException(int? cellNumber, string message)
    : Exception(cellNumber is { } n ? $"cell {n}: {message}" : message)
{
    /// <summary>The failing cell (1-based, counting markdown cells too), or null.</summary>
    public int? CellNumber { get; } = cellNumber;
}
