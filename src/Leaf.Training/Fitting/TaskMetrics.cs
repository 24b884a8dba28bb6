namespace Leaf.Training.Fitting;

/// <summary>One task's figures of an epoch (a single-task run has one).</summary>
/// <param name="Task">Task name.</param>
/// <param name="TrainLoss">Mean training cross-entropy over the task's crops of the epoch.</param>
/// <param name="TrainAccuracy">Fraction of the task's training crops classified right during the epoch.</param>
/// <param name="ValidAccuracy">Per-file accuracy on the task's validation split (NaN when it is empty).</param>
public sealed record TaskMetrics(string Task, double TrainLoss, double TrainAccuracy, double ValidAccuracy)
{
    /// <summary>The metric names of a task's columns, in order (<c>&lt;task&gt;/&lt;metric&gt;</c> in <c>metrics.csv</c>).</summary>
    public static readonly string[] ColumnNames = ["train_loss", "train_acc", "valid_acc"];

    /// <summary>The values in <see cref="ColumnNames"/> order.</summary>
    public double[] Values => [TrainLoss, TrainAccuracy, ValidAccuracy];
}
