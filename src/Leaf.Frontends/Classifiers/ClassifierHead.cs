using System.Diagnostics.CodeAnalysis;

namespace Leaf.Frontends.Classifiers;

/// <summary>The linear layer of one task on the pooled embedding: logits = W·e + b.</summary>
/// <param name="Task">The task's name and labels (one per logit).</param>
/// <param name="Weight">[classes, embedding size].</param>
/// <param name="Bias">[classes].</param>
public sealed record ClassifierHead(ClassifierTask Task, ParameterTensor Weight, ParameterTensor Bias)
{
    /// <summary>Checks the task and that the weights are [classes, <paramref name="embeddingSize"/>] and [classes].</summary>
    /// <exception cref="FormatException">A shape or value is wrong; the message names <paramref name="source"/>.</exception>
    public void Validate(int embeddingSize, string source)
    {
        void Require([DoesNotReturnIf(false)] bool ok, string what) { if (!ok) throw new FormatException($"{source}: {what}"); }
        Require(Task is not null, "has no task");
        Task.Validate(source);
        int classes = Task.ClassCount;
        Require(Weight is not null && Weight.Shape.SequenceEqual([classes, embeddingSize]) && Weight.Values.Length == classes * embeddingSize,
            $"weight must be [{classes}, {embeddingSize}]");
        Require(Bias is not null && Bias.Shape.SequenceEqual([classes]) && Bias.Values.Length == classes, $"bias must be [{classes}]");
        Require(Weight.Values.Concat(Bias.Values).All(float.IsFinite), "weights must be finite");
    }
}
