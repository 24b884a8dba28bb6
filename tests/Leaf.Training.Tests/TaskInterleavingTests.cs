using Leaf.Training.Fitting;

namespace Leaf.Training.Tests;

public sealed class TaskInterleavingTests
{
    [Fact]
    public void EveryTaskGetsAllItsBatchesSpreadOverTheEpoch()
    {
        int[] order = TaskInterleaving.Order([6, 2, 3]);
        Assert.Equal(11, order.Length);
        Assert.Equal([6, 2, 3], Enumerable.Range(0, 3).Select(t => order.Count(o => o == t)));
        // Proportional spreading: task 1 (2 batches) gets one in each half of the epoch, task 2 (3) one per third.
        Assert.Single(order[..6], 1);
        Assert.Contains(2, order[..4]);
        Assert.Contains(2, order[^4..]);
    }

    [Fact]
    public void OneTaskIsItsBatchesInOrderAndEqualTasksAlternate()
    {
        Assert.Equal([0, 0, 0], TaskInterleaving.Order([3]));
        Assert.Equal([0, 1, 0, 1], TaskInterleaving.Order([2, 2]));
        Assert.Empty(TaskInterleaving.Order([0, 0]));
    }

    [Fact]
    public void NegativeCountsAreRefused() =>
        Assert.Throws<ArgumentException>(() => TaskInterleaving.Order([1, -1]));
}
