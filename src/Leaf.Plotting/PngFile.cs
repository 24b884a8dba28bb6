using Leaf.Audio;
using ScottPlot;

namespace Leaf.Plotting;

/// <summary>Writes plots as PNG files atomically (temporary file, then rename), creating the folder if needed.</summary>
public static class PngFile
{
    /// <summary>Renders <paramref name="plot"/> at <paramref name="width"/> × <paramref name="height"/> pixels into <paramref name="path"/>.</summary>
    public static void Save(Plot plot, string path, int width, int height) => Write(path, plot.GetImageBytes(width, height, ImageFormat.Png));

    /// <summary>Renders <paramref name="multiplot"/> at <paramref name="width"/> × <paramref name="height"/> pixels into <paramref name="path"/>.</summary>
    public static void Save(Multiplot multiplot, string path, int width, int height) =>
        Write(path, multiplot.Render(width, height).GetImageBytes(ImageFormat.Png, 100));

    private static void Write(string path, byte[] png)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
