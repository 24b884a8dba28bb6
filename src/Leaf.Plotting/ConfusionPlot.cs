using ScottPlot;

namespace Leaf.Plotting;

/// <summary>A confusion matrix as a heatmap: rows are true classes (top to bottom), columns predicted classes, colour the row-normalised fraction, text the counts.</summary>
public static class ConfusionPlot
{
    /// <summary>Edge of the square PNG in pixels.</summary>
    public const int Size = 800;

    /// <summary>Row-normalised fractions [true][predicted] (a row without files stays 0).</summary>
    public static double[,] Normalised(int[][] confusion)
    {
        int n = confusion.Length;
        var fractions = new double[n, n];
        for (int r = 0; r < n; r++)
        {
            int total = confusion[r].Sum();
            for (int c = 0; c < n; c++) fractions[r, c] = total == 0 ? 0 : (double)confusion[r][c] / total;
        }
        return fractions;
    }

    /// <summary>Draws <paramref name="confusion"/> [true][predicted] with <paramref name="labels"/> into <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The matrix is not square with one row per label.</exception>
    public static void Write(IReadOnlyList<string> labels, int[][] confusion, string path, string title = "Confusion matrix (test)")
    {
        int n = labels.Count;
        if (confusion.Length != n || confusion.Any(r => r.Length != n))
            throw new ArgumentException($"the confusion matrix must be {n} × {n}, one row and column per label", nameof(confusion));
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(Normalised(confusion));   // row 0 drawn at the top
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap);
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
            {
                var text = plot.Add.Text(confusion[r][c].ToString(System.Globalization.CultureInfo.InvariantCulture), c, n - 1 - r);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = Colors.White;
            }
        double[] ticks = [.. Enumerable.Range(0, n).Select(i => (double)i)];
        plot.Axes.Bottom.SetTicks(ticks, [.. labels]);
        plot.Axes.Left.SetTicks(ticks, [.. labels.Reverse()]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Title(title);
        plot.XLabel("Predicted");
        plot.YLabel("True");
        PngFile.Save(plot, path, Size, Size);
    }
}
