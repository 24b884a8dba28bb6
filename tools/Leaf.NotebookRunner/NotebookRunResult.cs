namespace Leaf.NotebookRunner;

/// <summary>What a successful run produced: the program that ran, the notebook written, its outputs by cell number.</summary>
public sealed record NotebookRunResult(string ProgramPath, string OutputPath, IReadOnlyDictionary<int, IReadOnlyList<CellOutput>> Outputs);
