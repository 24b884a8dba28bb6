namespace Leaf.Training.Fitting;

/// <summary>Running sums of a training epoch, per task: summed loss (× crops), right crops, crops and steps.</summary>
internal sealed class EpochTotals(int tasks)
{
    private readonly double[] _loss = new double[tasks];
    private readonly long[] _correct = new long[tasks];

    /// <summary>Crops trained per task.</summary>
    public long[] Clips { get; } = new long[tasks];

    /// <summary>Steps taken.</summary>
    public int Steps { get; private set; }

    /// <summary>Mean loss over all crops so far.</summary>
    public double MeanLoss => _loss.Sum() / Math.Max(Clips.Sum(), 1);

    /// <summary>Training accuracy over all crops so far.</summary>
    public double Accuracy => (double)_correct.Sum() / Math.Max(Clips.Sum(), 1);

    /// <summary>Adds one step of <paramref name="task"/>: its summed loss, right crops and crops.</summary>
    public void Add(int task, double lossSum, long correct, int clips)
    {
        _loss[task] += lossSum;
        _correct[task] += correct;
        Clips[task] += clips;
        Steps++;
    }

    /// <summary>The epoch's metrics line, with the validation accuracies and learning rates of the epoch.</summary>
    public EpochMetrics ToMetrics(int epoch, TrainingState state, double meanValid, double[] valid, double lr, double frontendLr, IReadOnlyList<Leaf.Datasets.NamedDataset> tasks) =>
        new(epoch, state.Step, MeanLoss, Accuracy, meanValid, lr, frontendLr, state.Seconds,
            [.. tasks.Select((t, k) => new TaskMetrics(t.Name, _loss[k] / Math.Max(Clips[k], 1), (double)_correct[k] / Math.Max(Clips[k], 1), valid[k]))]);
}
