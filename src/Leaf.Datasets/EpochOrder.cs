namespace Leaf.Datasets;

/// <summary>The order in which an epoch visits the training files: a shuffle fully determined by (seed, epoch).</summary>
public static class EpochOrder
{
    /// <summary>Distinguishes the order stream from the crop streams drawn from the same (seed, epoch).</summary>
    private const long OrderStream = -1;

    /// <summary>A permutation of <paramref name="indices"/> that depends only on (<paramref name="seed"/>, <paramref name="epoch"/>) and the indices themselves.</summary>
    public static int[] Shuffle(IReadOnlyList<int> indices, int seed, int epoch)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int[] order = [.. indices];
        DeterministicRandom.For(seed, epoch, OrderStream).Shuffle(order.AsSpan());
        return order;
    }
}
