using Leaf.Frontends;
using ScottPlot;

namespace Leaf.Plotting;

/// <summary>Plots of a learned Gabor filterbank (LEAF): parameters against the mel initialisation, and frequency responses.</summary>
public static class FilterbankPlots
{
    /// <summary>Width of the PNGs in pixels.</summary>
    public const int Width = 900;
    /// <summary>Height of the PNGs in pixels.</summary>
    public const int Height = 700;

    /// <summary>Centre frequencies (top) and bandwidths (bottom) per filter, learned and at their mel initialisation.</summary>
    /// <exception cref="ArgumentException">The frontend has no Gabor filterbank.</exception>
    public static void CentersAndBandwidths(FrontendDescription learned, string path)
    {
        Require(learned);
        var initial = GaborFilterData.Initial(learned);
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        double[] index = [.. Enumerable.Range(0, GaborFilterData.CentersHz(learned).Length).Select(i => (double)i)];
        Panel(multiplot.GetPlot(0), index, GaborFilterData.CentersHz(initial), GaborFilterData.CentersHz(learned), "Centre frequency (Hz)");
        Panel(multiplot.GetPlot(1), index, GaborFilterData.BandwidthsHz(initial), GaborFilterData.BandwidthsHz(learned), "Bandwidth (Hz, FWHM)");
        multiplot.GetPlot(0).Title("Gabor filters: learned vs mel initialisation");
        PngFile.Save(multiplot, path, Width, Height);
    }

    /// <summary>The magnitude response of every filter (dB, relative to the largest) against frequency.</summary>
    /// <exception cref="ArgumentException">The frontend has no Gabor filterbank.</exception>
    public static void Responses(FrontendDescription frontend, string path, string title = "Filter frequency responses")
    {
        Require(frontend);
        const int fft = 1024;
        double[] hz = GaborFilterData.BinFrequencies(frontend.SampleRate, fft);
        var plot = new Plot();
        var colormap = new ScottPlot.Colormaps.Viridis();
        double[][] responses = GaborFilterData.Responses(frontend, fft);
        for (int f = 0; f < responses.Length; f++)
        {
            var line = plot.Add.ScatterLine(hz, responses[f]);
            line.Color = colormap.GetColor(f / (double)Math.Max(responses.Length - 1, 1));
            line.LineWidth = 1;
        }
        plot.Title(title);
        plot.XLabel("Frequency (Hz)");
        plot.YLabel("Magnitude (dB)");
        plot.Axes.SetLimitsY(-60, 3);
        PngFile.Save(plot, path, Width, Height);
    }

    private static void Panel(Plot plot, double[] index, double[] initial, double[] learned, string label)
    {
        var init = plot.Add.ScatterLine(index, initial);
        init.LegendText = "mel initialisation";
        init.LinePattern = LinePattern.Dashed;
        var trained = plot.Add.Scatter(index, learned);
        trained.LegendText = "learned";
        plot.XLabel("Filter");
        plot.YLabel(label);
        plot.ShowLegend(Alignment.UpperLeft);
    }

    private static void Require(FrontendDescription frontend)
    {
        if (!GaborFilterData.HasGaborFilters(frontend))
            throw new ArgumentException($"a '{frontend.Kind.ToName()}' frontend has no Gabor filters to plot", nameof(frontend));
    }
}
