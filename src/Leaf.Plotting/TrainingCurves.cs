using ScottPlot;

namespace Leaf.Plotting;

/// <summary>Training curves from <c>metrics.csv</c>: loss (top) and accuracy (bottom) per epoch, overall and per task.</summary>
public static class TrainingCurves
{
    /// <summary>Width of the PNG in pixels.</summary>
    public const int Width = 900;
    /// <summary>Height of the PNG in pixels.</summary>
    public const int Height = 700;

    /// <summary>Draws the curves of <paramref name="metrics"/> (needs an <c>epoch</c> column) into <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">There is no <c>epoch</c> column.</exception>
    public static void Write(MetricsTable metrics, string path)
    {
        if (!metrics.Values.TryGetValue("epoch", out double[]? epochs)) throw new FormatException("metrics have no 'epoch' column");
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        Panel(multiplot.GetPlot(0), metrics, epochs, ["train_loss"], "Training loss", Alignment.UpperRight);
        Panel(multiplot.GetPlot(1), metrics, epochs, ["train_acc", "valid_acc"], "Accuracy", Alignment.LowerRight);
        multiplot.GetPlot(0).Title("Training curves");
        PngFile.Save(multiplot, path, Width, Height);
    }

    private static void Panel(Plot plot, MetricsTable metrics, double[] epochs, string[] names, string label, Alignment legend)
    {
        foreach (string column in names.SelectMany(metrics.Named))
        {
            double[] ys = metrics.Values[column];
            if (ys.All(double.IsNaN)) continue;   // e.g. no validation split
            var line = plot.Add.Scatter(epochs, ys);
            line.LegendText = column;
        }
        plot.XLabel("Epoch");
        plot.YLabel(label);
        plot.ShowLegend(legend);
    }
}
