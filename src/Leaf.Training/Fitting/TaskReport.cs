using Leaf.Datasets;

namespace Leaf.Training.Fitting;

/// <summary>One task's test results in <c>report.json</c> (per-file protocol, best checkpoint).</summary>
public sealed record TaskReport
{
    /// <summary>Task name (the head's name; part of the ONNX output names of a multi-task model).</summary>
    public required string Name { get; init; }

    /// <summary>Per-file accuracy on the task's test split (NaN when it is empty).</summary>
    public required double TestAccuracy { get; init; }

    /// <summary>The class labels, in logit order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Test confusion matrix [true class][predicted class], counting files.</summary>
    public required int[][] Confusion { get; init; }

    /// <summary>Per-class precision, recall and F1 on the test split.</summary>
    public required IReadOnlyList<ClassMetrics> PerClass { get; init; }
}
