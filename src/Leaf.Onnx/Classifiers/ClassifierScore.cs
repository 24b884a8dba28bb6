namespace Leaf.Onnx.Classifiers;

/// <summary>The result of one file: per task, the mean logits over its windows and their softmax.</summary>
/// <param name="Tasks">One entry per task, in head order.</param>
/// <param name="Embedding">Mean over windows of the <c>embedding</c> output, when asked for; else null.</param>
/// <param name="Windows">Number of windows scored.</param>
public sealed record ClassifierScore(IReadOnlyList<TaskScore> Tasks, float[]? Embedding, int Windows);
