namespace Leaf.Training.Fitting;

/// <summary>A progress report of the trainer, after each step (renderers show epoch, step, loss, rate and ETA).</summary>
/// <param name="Epoch">1-based current epoch.</param>
/// <param name="Epochs">Epochs planned.</param>
/// <param name="StepInEpoch">Steps done in this epoch.</param>
/// <param name="StepsPerEpoch">Steps per epoch.</param>
/// <param name="Step">Steps done in total.</param>
/// <param name="Loss">Running mean loss of the epoch.</param>
/// <param name="Accuracy">Running training accuracy of the epoch.</param>
/// <param name="ClipsPerSecond">Training throughput of this epoch so far.</param>
/// <param name="ValidAccuracy">Last validation accuracy (NaN before the first).</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int StepInEpoch, int StepsPerEpoch, long Step, double Loss, double Accuracy, double ClipsPerSecond, double ValidAccuracy);
