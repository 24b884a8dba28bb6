using Leaf.Frontends;

namespace Leaf.Plotting.Tests;

public sealed class PlotFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"leaf-plot-tests-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EveryPlotIsAPngOfItsSize()
    {
        var leaf = FrontendDescription.Default(FrontendKind.Leaf);
        FilterbankPlots.CentersAndBandwidths(leaf, P("filters.png"));
        FilterbankPlots.Responses(leaf, P("responses.png"));
        TrainingCurves.Write(MetricsTable.Parse(Metrics), P("curves.png"));
        ConfusionPlot.Write(["a", "b"], [[3, 1], [0, 4]], P("confusion.png"));
        FeatureHeatmaps.Write([("one", new float[50, 8]), ("two", new float[50, 4])], P("sub/features.png"));

        Assert.Equal((FilterbankPlots.Width, FilterbankPlots.Height), PngAssert.Size(P("filters.png")));
        Assert.Equal((FilterbankPlots.Width, FilterbankPlots.Height), PngAssert.Size(P("responses.png")));
        Assert.Equal((TrainingCurves.Width, TrainingCurves.Height), PngAssert.Size(P("curves.png")));
        Assert.Equal((ConfusionPlot.Size, ConfusionPlot.Size), PngAssert.Size(P("confusion.png")));
        Assert.Equal((2 * FeatureHeatmaps.PanelWidth, FeatureHeatmaps.Height), PngAssert.Size(P("sub/features.png")));
        Assert.Equal(5, Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Length);   // no temporary files left
    }

    [Fact]
    public void RunPlotsDrawWhatTheRunFolderHolds()
    {
        File.WriteAllText(P("metrics.csv"), Metrics);
        File.WriteAllText(P("report.json"), """{ "tasks": [ { "name": "a", "labels": ["x", "y"], "confusion": [[2, 0], [1, 1]] }, { "name": "b", "labels": ["u", "v", "w"], "confusion": [[1, 0, 0], [0, 1, 0], [0, 0, 1]] } ] }""");
        FrontendDescription.Default(FrontendKind.Leaf).Save(P("frontend.json"));

        string[] written = [.. RunPlots.Write(_dir).Select(p => Path.GetFileName(p)).Order()];

        Assert.Equal(["confusion-a.png", "confusion-b.png", "curves.png", "filters.png", "responses.png"], written);
        Assert.All(Directory.GetFiles(Path.Combine(_dir, RunFolder.PlotsFolder)), p => PngAssert.Size(p));
        FrontendDescription.Default(FrontendKind.Mel).Save(P("frontend.json"));
        Assert.DoesNotContain(RunPlots.Write(_dir), p => p.EndsWith("filters.png", StringComparison.Ordinal));   // mel has no learned filters
    }

    [Fact]
    public void AMalformedReportIsNamed()
    {
        File.WriteAllText(P("report.json"), """{ "test_accuracy": 1 }""");
        var e = Assert.Throws<FormatException>(() => RunPlots.Write(_dir));
        Assert.Contains("report.json", e.Message);
        Assert.Contains("tasks", e.Message);
    }

    [Fact]
    public void MetricsColumnsAreFoundOverallAndPerTask()
    {
        var table = MetricsTable.Parse(Metrics);
        Assert.Equal(["train_loss", "a/train_loss"], table.Named("train_loss"));
        Assert.Equal([0.5, 0.25], table.Values["a/train_loss"]);
        Assert.True(double.IsNaN(table.Values["valid_acc"][1]));
        var e = Assert.Throws<FormatException>(() => MetricsTable.Parse("epoch,loss\n1,x\n", "m.csv"));
        Assert.Contains("m.csv: line 2, column 'loss'", e.Message);
    }

    [Fact]
    public void ConfusionRowsAreNormalisedAndFeaturesPutChannelZeroAtTheBottom()
    {
        double[,] n = ConfusionPlot.Normalised([[3, 1], [0, 0]]);
        Assert.Equal([0.75, 0.25, 0, 0], n.Cast<double>());
        var features = new float[3, 2];
        features[1, 0] = 7;   // frame 1, channel 0
        double[,] image = FeatureHeatmaps.Image(features);
        Assert.Equal((2, 3), (image.GetLength(0), image.GetLength(1)));
        Assert.Equal(7, image[1, 1]);   // last row (drawn at the bottom), column = frame
    }

    private const string Metrics = "epoch,step,train_loss,train_acc,valid_acc,a/train_loss\n1,4,0.9,0.5,0.6,0.5\n2,8,0.5,0.8,NaN,0.25\n";

    private string P(string name) => Path.Combine(_dir, name);
}
