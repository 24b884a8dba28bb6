using Leaf.Frontends.Classifiers;
using Leaf.Training.Frontends;

namespace Leaf.Training.Classifiers;

/// <summary>What to put behind a frontend: the encoder, the tasks (one linear head each) and the regularisation.</summary>
public sealed record ClassifierOptions
{
    /// <summary>The encoder (default: the compact CNN, sized for CPU training).</summary>
    public EncoderKind Encoder { get; init; } = EncoderKind.CompactCnn;

    /// <summary>The tasks, each with its labels; one head per task on the shared frontend and encoder (docs/frontends.md "Classifier", multi-task).</summary>
    public required IReadOnlyList<ClassifierTask> Tasks { get; init; }

    /// <summary>Dropout on the pooled embedding before the heads, in training mode (0.2, EfficientNet's top dropout).</summary>
    public double Dropout { get; init; } = 0.2;

    /// <summary>EfficientNet-B0's final stochastic-depth rate (0.2); the compact CNN has no residual branches.</summary>
    public double StochasticDepth { get; init; } = 0.2;

    /// <summary>
    /// Standardise each example's features (mean 0, variance 1 over frames and channels) before the encoder
    /// (<see cref="StandardizeLayer"/>; exported as the encoder's first layer). Off by default here, so a classifier built from
    /// options alone is the paper's; training turns it on by default (<c>TrainerOptions.StandardizeFeatures</c>, docs/accuracy.md).
    /// </summary>
    public bool StandardizeFeatures { get; init; }

    /// <summary>SpecAugment masking of the features in training mode (after standardisation); <see langword="null"/> for none.</summary>
    public SpecAugmentOptions? SpecAugment { get; init; }

    /// <summary>Options for one task called <paramref name="task"/> with <paramref name="labels"/>.</summary>
    public static ClassifierOptions SingleTask(IReadOnlyList<string> labels, EncoderKind encoder = EncoderKind.CompactCnn, string task = "task") =>
        new() { Encoder = encoder, Tasks = [new ClassifierTask(task, labels.ToArray())] };

    /// <summary>Checks the tasks (valid, distinct names) and the rates.</summary>
    /// <exception cref="ArgumentException">Something is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Tasks is not { Count: > 0 }) throw new ArgumentException("a classifier needs at least one task");
        try { foreach (var task in Tasks) task.Validate("classifier options"); }
        catch (FormatException e) { throw new ArgumentException(e.Message, e); }
        var repeated = Tasks.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"task '{repeated.Key}' is listed more than once");
        if (!(Dropout is >= 0 and < 1)) throw new ArgumentException($"dropout {Dropout} must be in [0, 1)");
        if (!(StochasticDepth is >= 0 and < 1)) throw new ArgumentException($"stochastic depth {StochasticDepth} must be in [0, 1)");
    }
}
