namespace Leaf.Datasets.Synthesis;

/// <summary>One file to synthesise.</summary>
/// <param name="Label">Class name.</param>
/// <param name="Split">Split folder it goes to.</param>
/// <param name="Index">Number within the class (0-based, across splits).</param>
public sealed record SynthesisJob(string Label, DatasetSplit Split, int Index)
{
    /// <summary>Path relative to the output folder: <c>split/label/label_0007.wav</c>.</summary>
    public string RelativePath => $"{Split.Name()}/{Label}/{Label}_{Index:D4}.wav";

    /// <summary>
    /// The jobs for <paramref name="perClass"/> files of each class: the first ones of a class go to train, then
    /// valid, then test, in the numbers of <see cref="StratifiedSplit.Counts"/>.
    /// </summary>
    public static IReadOnlyList<SynthesisJob> Plan(IReadOnlyList<string> classes, int perClass, SplitFractions fractions)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perClass);
        (int train, int valid, _) = StratifiedSplit.Counts(perClass, fractions);
        DatasetSplit SplitOf(int i) => i < train ? DatasetSplit.Train : i < train + valid ? DatasetSplit.Valid : DatasetSplit.Test;
        return [.. classes.SelectMany(label => Enumerable.Range(0, perClass).Select(i => new SynthesisJob(label, SplitOf(i), i)))];
    }
}
