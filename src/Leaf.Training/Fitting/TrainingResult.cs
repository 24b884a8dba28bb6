using Leaf.Frontends.Classifiers;

namespace Leaf.Training.Fitting;

/// <summary>What a finished run produced.</summary>
/// <param name="State">The final counters (epochs, steps, best validation accuracy, time).</param>
/// <param name="Metrics">Every epoch's metrics, resumed sessions included.</param>
/// <param name="Report">The test report of the best checkpoint.</param>
/// <param name="Classifier">The best checkpoint as a runtime-free description (for ONNX export).</param>
public sealed record TrainingResult(TrainingState State, IReadOnlyList<EpochMetrics> Metrics, TrainingReport Report, ClassifierDescription Classifier);
