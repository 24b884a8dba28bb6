using System.Globalization;

namespace Leaf.Training.Training;

/// <summary>One line of <c>metrics.csv</c>: the state after an epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Step">Optimizer steps taken so far.</param>
/// <param name="TrainLoss">Mean training cross-entropy of the epoch.</param>
/// <param name="TrainAccuracy">Fraction of training crops classified right during the epoch.</param>
/// <param name="ValidAccuracy">Per-file accuracy on the validation split (NaN when it is empty).</param>
/// <param name="LearningRate">Classifier learning rate of the epoch.</param>
/// <param name="Seconds">Training seconds so far (all sessions of a resumed run).</param>
public sealed record EpochMetrics(int Epoch, long Step, double TrainLoss, double TrainAccuracy, double ValidAccuracy, double LearningRate, double Seconds)
{
    /// <summary>The CSV header.</summary>
    public const string CsvHeader = "epoch,step,train_loss,train_acc,valid_acc,lr,seconds";

    /// <summary>This line in CSV (invariant culture).</summary>
    public string ToCsv() => string.Join(",",
        Epoch.ToString(CultureInfo.InvariantCulture), Step.ToString(CultureInfo.InvariantCulture),
        F(TrainLoss), F(TrainAccuracy), F(ValidAccuracy), F(LearningRate), F(Seconds));

    private static string F(double v) => v.ToString("G9", CultureInfo.InvariantCulture);
}
