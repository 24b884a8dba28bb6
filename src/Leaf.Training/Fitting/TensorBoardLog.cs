using TorchSharp;

namespace Leaf.Training.Fitting;

/// <summary>
/// Writes each epoch's metrics as TensorBoard scalars (TorchSharp's SummaryWriter) at the epoch's step: loss and accuracy
/// per split, overall and per task, and both learning rates. The writer appends and closes the event file on every scalar, so
/// nothing needs disposing and an interrupted run keeps what it wrote; a resumed run adds a new event file to the same folder.
/// </summary>
public sealed class TensorBoardLog
{
    private readonly TorchSharp.Modules.SummaryWriter _writer;

    /// <summary>A log writing event files into <paramref name="directory"/> (created if missing).</summary>
    public TensorBoardLog(string directory)
    {
        Directory.CreateDirectory(directory);
        _writer = torch.utils.tensorboard.SummaryWriter(directory);
    }

    /// <summary>Adds the scalars of <paramref name="m"/>.</summary>
    public void Write(EpochMetrics m)
    {
        int step = (int)Math.Min(m.Step, int.MaxValue);
        Scalar("loss/train", m.TrainLoss, step);
        Scalar("accuracy/train", m.TrainAccuracy, step);
        Scalar("accuracy/valid", m.ValidAccuracy, step);
        Scalar("lr/classifier", m.LearningRate, step);
        Scalar("lr/frontend", m.FrontendLearningRate, step);
        if (m.Tasks.Count < 2) return;
        foreach (var t in m.Tasks)
        {
            Scalar($"loss/train/{t.Task}", t.TrainLoss, step);
            Scalar($"accuracy/train/{t.Task}", t.TrainAccuracy, step);
            Scalar($"accuracy/valid/{t.Task}", t.ValidAccuracy, step);
        }
    }

    // NaN (no validation split) is left out rather than plotted.
    private void Scalar(string tag, double value, int step)
    {
        if (!double.IsNaN(value)) _writer.add_scalar(tag, (float)value, step);
    }
}
