namespace Leaf.Training.Fitting;

/// <summary>
/// The order in which a multi-task epoch takes its batches: every step trains one task's batch, and the tasks are
/// spread evenly over the epoch in proportion to their batch counts (step k goes to the task that has used the
/// smallest fraction of its batches, ties to the first task), so no task waits for another to finish.
/// </summary>
public static class TaskInterleaving
{
    /// <summary>The task index of each step of an epoch in which task t has <paramref name="batches"/>[t] batches.</summary>
    /// <exception cref="ArgumentException">A count is negative.</exception>
    public static int[] Order(IReadOnlyList<int> batches)
    {
        if (batches.Any(b => b < 0)) throw new ArgumentException("batch counts must not be negative", nameof(batches));
        var used = new int[batches.Count];
        var order = new int[batches.Sum()];
        for (int step = 0; step < order.Length; step++)
        {
            int next = -1;
            for (int t = 0; t < batches.Count; t++)
                if (used[t] < batches[t] && (next < 0 || Fraction(used[t], batches[t]) < Fraction(used[next], batches[next]))) next = t;
            order[step] = next;
            used[next]++;
        }
        return order;
    }

    // The midpoint of the next batch as a fraction of the task's epoch.
    private static double Fraction(int used, int total) => (used + 0.5) / total;
}
