using ScottPlot;

namespace Leaf.Plotting;

/// <summary>Feature matrices [frames, channels] as heatmaps side by side: time on x, channel (low frequencies at the bottom) on y.</summary>
public static class FeatureHeatmaps
{
    /// <summary>Height of the PNG in pixels; the width is <see cref="PanelWidth"/> per panel.</summary>
    public const int Height = 450;
    /// <summary>Width of each panel in pixels.</summary>
    public const int PanelWidth = 600;

    /// <summary>The heatmap image of features [frames, channels]: [channel row from the top, frame], channel N−1 first so channel 0 is drawn at the bottom.</summary>
    public static double[,] Image(float[,] features)
    {
        int frames = features.GetLength(0), channels = features.GetLength(1);
        var image = new double[channels, frames];
        for (int t = 0; t < frames; t++)
            for (int c = 0; c < channels; c++) image[channels - 1 - c, t] = features[t, c];
        return image;
    }

    /// <summary>Draws each titled feature matrix [frames, channels] in its own panel, left to right, into <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">No panel, or an empty matrix.</exception>
    public static void Write(IReadOnlyList<(string Title, float[,] Features)> panels, string path, double frameRate = 100)
    {
        if (panels.Count == 0) throw new ArgumentException("at least one feature matrix is needed", nameof(panels));
        var multiplot = new Multiplot { Layout = new ScottPlot.MultiplotLayouts.Columns() };
        multiplot.AddPlots(panels.Count);
        for (int i = 0; i < panels.Count; i++)
        {
            var (title, features) = panels[i];
            if (features.Length == 0) throw new ArgumentException($"'{title}' has no features", nameof(panels));
            var plot = multiplot.GetPlot(i);
            var heatmap = plot.Add.Heatmap(Image(features));
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            heatmap.Extent = new CoordinateRect(0, features.GetLength(0) / frameRate, 0, features.GetLength(1));
            plot.Add.ColorBar(heatmap);
            plot.Title(title);
            plot.XLabel("Time (s)");
            plot.YLabel("Channel");
        }
        PngFile.Save(multiplot, path, PanelWidth * panels.Count, Height);
    }
}
