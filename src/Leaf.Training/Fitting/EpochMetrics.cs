using System.Globalization;

namespace Leaf.Training.Fitting;

/// <summary>One line of <c>metrics.csv</c>: the state after an epoch, overall and per task.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Step">Optimizer steps taken so far.</param>
/// <param name="TrainLoss">Mean training cross-entropy of the epoch over all crops of all tasks.</param>
/// <param name="TrainAccuracy">Fraction of training crops (all tasks) classified right during the epoch.</param>
/// <param name="ValidAccuracy">Mean over tasks of the per-file validation accuracy (NaN when no task has a validation split).</param>
/// <param name="LearningRate">Encoder and head learning rate of the epoch.</param>
/// <param name="FrontendLearningRate">Frontend learning rate of the epoch.</param>
/// <param name="Seconds">Training seconds so far (all sessions of a resumed run).</param>
/// <param name="Tasks">Each task's figures, in head order.</param>
public sealed record EpochMetrics(int Epoch, long Step, double TrainLoss, double TrainAccuracy, double ValidAccuracy, double LearningRate,
    double FrontendLearningRate, double Seconds, IReadOnlyList<TaskMetrics> Tasks)
{
    /// <summary>The leading CSV columns; each task then adds <c>&lt;task&gt;/train_loss,&lt;task&gt;/train_acc,&lt;task&gt;/valid_acc</c>.</summary>
    public const string CsvHeader = "epoch,step,train_loss,train_acc,valid_acc,lr,frontend_lr,seconds";

    /// <summary>The CSV header of a run with <paramref name="tasks"/>.</summary>
    public static string Header(IEnumerable<string> tasks) =>
        string.Join(",", tasks.SelectMany(t => TaskMetrics.ColumnNames.Select(c => $"{t}/{c}")).Prepend(CsvHeader));

    /// <summary>This line in CSV (invariant culture), columns as in <see cref="Header"/>.</summary>
    public string ToCsv() => string.Join(",",
        new[] { Epoch.ToString(CultureInfo.InvariantCulture), Step.ToString(CultureInfo.InvariantCulture) }
            .Concat(new[] { TrainLoss, TrainAccuracy, ValidAccuracy, LearningRate, FrontendLearningRate, Seconds }.Select(F))
            .Concat(Tasks.SelectMany(t => t.Values.Select(F))));

    private static string F(double v) => v.ToString("G9", CultureInfo.InvariantCulture);
}
