namespace Leaf.Datasets.Tests;

/// <summary>The seeded stratified split.</summary>
public class DataSplitTests
{
    [Theory]
    // round(n·0.1) each, raised to 1 from 3 files, always leaving one for training.
    [InlineData(1, 1, 0, 0)]
    [InlineData(2, 2, 0, 0)]
    [InlineData(3, 1, 1, 1)]
    [InlineData(4, 2, 1, 1)]
    [InlineData(10, 8, 1, 1)]
    [InlineData(15, 11, 2, 2)] // 1.5 rounds away from zero
    [InlineData(100, 80, 10, 10)]
    public void CountsFollowTheRule(int n, int train, int valid, int test) =>
        Assert.Equal((train, valid, test), StratifiedSplit.Counts(n, SplitFractions.Default));

    [Fact]
    public void CountsLeaveATrainingFileEvenWhenFractionsWouldNot()
    {
        Assert.Equal((1, 1, 1), StratifiedSplit.Counts(3, new SplitFractions(0, 0.5, 0.5)));
        Assert.Equal((3, 0, 0), StratifiedSplit.Counts(3, new SplitFractions(1, 0, 0)));
        Assert.Throws<ArgumentException>(() => StratifiedSplit.Counts(3, new SplitFractions(0.5, 0.5, 0.5)));
    }

    private static List<(string Path, string Label)> Files(params (string Label, int Count)[] classes) =>
        [.. classes.SelectMany(c => Enumerable.Range(0, c.Count).Select(i => ($"{c.Label}/f{i:D3}.wav", c.Label)))];

    [Fact]
    public void AssignmentIsStratifiedAndIndependentOfInputOrder()
    {
        var files = Files(("a", 20), ("b", 7), ("c", 3), ("d", 1));
        DatasetSplit[] splits = StratifiedSplit.Assign(files, SplitFractions.Default, seed: 5);
        foreach (var group in files.Select((f, i) => (f.Label, Split: splits[i])).GroupBy(x => x.Label))
        {
            var expected = StratifiedSplit.Counts(group.Count(), SplitFractions.Default);
            Assert.Equal(expected, (group.Count(x => x.Split == DatasetSplit.Train), group.Count(x => x.Split == DatasetSplit.Valid), group.Count(x => x.Split == DatasetSplit.Test)));
        }

        var reversed = Enumerable.Reverse(files).ToList();
        DatasetSplit[] again = StratifiedSplit.Assign(reversed, SplitFractions.Default, seed: 5);
        var byPath = files.Select((f, i) => (f.Path, splits[i])).ToDictionary();
        Assert.All(reversed.Select((f, i) => (f.Path, again[i])), p => Assert.Equal(byPath[p.Path], p.Item2));
    }

    [Fact]
    public void SeedChangesTheAssignmentButOtherClassesDoNot()
    {
        var files = Files(("a", 30), ("b", 30));
        DatasetSplit[] seed1 = StratifiedSplit.Assign(files, SplitFractions.Default, 1);
        Assert.NotEqual(seed1, StratifiedSplit.Assign(files, SplitFractions.Default, 2));

        // One more file in class b leaves class a exactly as it was.
        var more = Files(("a", 30), ("b", 31));
        DatasetSplit[] withMore = StratifiedSplit.Assign(more, SplitFractions.Default, 1);
        Assert.Equal(seed1[..30], withMore[..30]);
    }
}
