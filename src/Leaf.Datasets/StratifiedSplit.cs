namespace Leaf.Datasets;

/// <summary>
/// A seeded, per-class split: within each class the files are sorted by path (ordinal), shuffled with a stream
/// seeded by (seed, label), and the first ones go to valid, the next to test, the rest to train. Each class is
/// split on its own, so adding a class or a file to another class never moves a file of this one.
/// </summary>
public static class StratifiedSplit
{
    /// <summary>
    /// Files per split for a class of <paramref name="count"/> files: valid = round(n·f_valid), test = round(n·f_test)
    /// (half away from zero), raised to 1 when the class has at least 3 files and the fraction is non-zero, then
    /// lowered (larger one first) until at least one file is left for training.
    /// </summary>
    public static (int Train, int Valid, int Test) Counts(int count, SplitFractions fractions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        fractions.Validated();
        int valid = (int)Math.Round(count * fractions.Valid, MidpointRounding.AwayFromZero);
        int test = (int)Math.Round(count * fractions.Test, MidpointRounding.AwayFromZero);
        if (count >= 3)
        {
            if (fractions.Valid > 0) valid = Math.Max(valid, 1);
            if (fractions.Test > 0) test = Math.Max(test, 1);
        }
        while (valid + test > Math.Max(0, count - 1))
        {
            if (valid >= test) valid--;
            else test--;
        }
        return (count - valid - test, valid, test);
    }

    /// <summary>
    /// The split of each file, aligned with <paramref name="files"/>. The result depends only on the set of
    /// (path, label) pairs, the fractions and the seed, not on the order of <paramref name="files"/>.
    /// </summary>
    /// <param name="files">Each file's path (any stable key, e.g. relative to the dataset root) and label.</param>
    /// <param name="fractions">Split fractions.</param>
    /// <param name="seed">Seed of the shuffle.</param>
    public static DatasetSplit[] Assign(IReadOnlyList<(string Path, string Label)> files, SplitFractions fractions, int seed)
    {
        ArgumentNullException.ThrowIfNull(files);
        var splits = new DatasetSplit[files.Count];
        foreach (var group in Enumerable.Range(0, files.Count).GroupBy(i => files[i].Label, StringComparer.Ordinal))
        {
            int[] members = [.. group.OrderBy(i => files[i].Path, StringComparer.Ordinal)];
            DeterministicRandom.For(seed, DeterministicRandom.KeyOf(group.Key)).Shuffle(members.AsSpan());
            (_, int valid, int test) = Counts(members.Length, fractions);
            for (int k = 0; k < members.Length; k++)
                splits[members[k]] = k < valid ? DatasetSplit.Valid : k < valid + test ? DatasetSplit.Test : DatasetSplit.Train;
        }
        return splits;
    }
}
