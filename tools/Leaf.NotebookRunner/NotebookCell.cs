namespace Leaf.NotebookRunner;

/// <summary>A code cell: its 1-based position among all the notebook's cells and its source.</summary>
public sealed record NotebookCell(int Number, string Source);
