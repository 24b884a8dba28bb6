using Leaf.Frontends;
using Leaf.Onnx;
using Leaf.Tests;

namespace Leaf.Cli.Tests;

/// <summary>
/// models/general (scripts/train-general): the learned frontend ships as a description and as ONNX that compute the same
/// features, it is a learned LEAF with the library's recipe (log compression, filters moved from their mel
/// initialisation), and the whole model's heads are the four benchmark tasks. Its accuracy is reproduced by
/// <see cref="ShippedTrainedModelsTests"/> (crosscheck.json).
/// </summary>
public class ShippedGeneralFrontendTests
{
    private static string PathOf(string file) => Repository.Path("models", "general", file);

    [Fact]
    public void TheShippedOnnxComputesWhatItsDescriptionExportsTo()
    {
        var description = FrontendDescription.Load(PathOf("frontend.json"));
        float[] chirp = Golden.Load("chirp__input").Data;   // 2 s at 16 kHz
        using var shipped = new OnnxFrontend(PathOf("frontend.onnx"));
        using var exported = new OnnxFrontend(FrontendExporter.Export(description));
        float[,] a = shipped.Featurize(chirp), b = exported.Featurize(chirp);
        Assert.Equal((200, 40), (a.GetLength(0), a.GetLength(1)));
        Assert.Equal((a.GetLength(0), a.GetLength(1)), (b.GetLength(0), b.GetLength(1)));
        Assert.InRange(Golden.MaxRelativeError([.. a.Cast<float>()], [.. b.Cast<float>()], floor: 1), 0, 1e-4);
    }

    [Fact]
    public void ItIsALearnedLeafWithTheLibraryRecipe()
    {
        var learned = FrontendDescription.Load(PathOf("frontend.json"));
        var initial = FrontendDescription.Load(Repository.Path("models", "leaf-default.json"));
        Assert.Equal(FrontendKind.Leaf, learned.Kind);
        Assert.Equal(CompressionKind.Log, learned.Compression);
        Assert.Equal(40, learned.FilterCount);
        // Centres are in radians per sample: the largest move from the mel initialisation, in Hz.
        float[] centres = learned.Parameters["filterbank.center"].Values, start = initial.Parameters["filterbank.center"].Values;
        double largestMoveHz = centres.Zip(start, (a, b) => Math.Abs(a - b) * 16000 / (2 * Math.PI)).Max();
        Assert.True(largestMoveHz > 20, $"the filters moved at most {largestMoveHz:F1} Hz: not a learned frontend");
    }

    [Fact]
    public void TheModelHasAHeadPerBenchmarkTask()
    {
        using var model = new Leaf.Onnx.Classifiers.OnnxClassifier(PathOf("model.onnx"));
        Assert.Equal(["drums", "pitchhard", "keywords", "instruments"], model.Info.Tasks.Select(t => t.Name));
        Assert.Equal([5, 48, 10, 11], model.Info.Tasks.Select(t => t.Labels.Count()));
    }
}
