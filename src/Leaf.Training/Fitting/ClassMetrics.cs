namespace Leaf.Training.Fitting;

/// <summary>Per-class scores of a test evaluation.</summary>
/// <param name="Label">The class.</param>
/// <param name="Precision">Right predictions of the class over all predictions of it (0 when never predicted).</param>
/// <param name="Recall">Right predictions of the class over its files (0 when it has none).</param>
/// <param name="F1">Harmonic mean of precision and recall (0 when both are 0).</param>
/// <param name="Support">Files of the class.</param>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support)
{
    /// <summary>The scores of every class from a confusion matrix [true, predicted].</summary>
    public static IReadOnlyList<ClassMetrics> FromConfusion(IReadOnlyList<string> labels, int[][] confusion) =>
        labels.Select((label, c) =>
        {
            int right = confusion[c][c];
            int support = confusion[c].Sum();
            int predicted = confusion.Sum(row => row[c]);
            double precision = predicted == 0 ? 0 : (double)right / predicted;
            double recall = support == 0 ? 0 : (double)right / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            return new ClassMetrics(label, precision, recall, f1, support);
        }).ToArray();
}
