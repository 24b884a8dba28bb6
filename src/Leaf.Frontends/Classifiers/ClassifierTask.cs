using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Leaf.Frontends.Classifiers;

/// <summary>One classification task of a (multi-task) classifier: its name and the names of its classes, in logit order.</summary>
/// <param name="Name">Task name; letters, digits, '_', '-' or '.', because it becomes part of ONNX output names (<c>logits_&lt;task&gt;</c>).</param>
/// <param name="Labels">Class names; logit i belongs to <c>Labels[i]</c>.</param>
public sealed record ClassifierTask(string Name, string[] Labels)
{
    /// <summary>A task whose labels are the class indices "0" … "count − 1".</summary>
    public static ClassifierTask WithClassCount(string name, int count) =>
        new(name, Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());

    /// <summary>Number of classes (= logits).</summary>
    public int ClassCount => Labels.Length;

    /// <summary>Checks the name and the labels.</summary>
    /// <exception cref="FormatException">The name is empty or has other characters, or there are fewer than two labels, an empty or a repeated one.</exception>
    public void Validate(string source = "classifier task")
    {
        [DoesNotReturn] void Fail(string what) => throw new FormatException($"{source}: {what}");
        if (string.IsNullOrEmpty(Name) || !Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            Fail($"task name '{Name}' must be non-empty and use only letters, digits, '_', '-' or '.'");
        if (Labels is null || Labels.Length < 2) Fail($"task '{Name}' needs at least two labels");
        if (Labels.Any(string.IsNullOrEmpty)) Fail($"task '{Name}' has an empty label");
        var repeated = Labels.GroupBy(l => l, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) Fail($"task '{Name}' lists label '{repeated.Key}' more than once");
    }

    /// <inheritdoc/>
    public bool Equals(ClassifierTask? other) => other is not null && Name == other.Name && Labels.AsSpan().SequenceEqual(other.Labels);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, Labels.Length);
}
