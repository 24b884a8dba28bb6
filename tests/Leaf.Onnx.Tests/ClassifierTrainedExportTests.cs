using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Onnx.Classifiers;
using Leaf.Training;
using Leaf.Training.Classifiers;
using Leaf.Training.Fitting;
using Leaf.Training.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Leaf.Onnx.Tests;

/// <summary>Export after real optimisation steps: learned LEAF parameters, moved weights and batch-norm running statistics.</summary>
public class ClassifierTrainedExportTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]   // the library's recipe: per-example standardisation (exported) and SpecAugment (training only)
    public void TrainedModelLogitsEqualTorchSharps(bool recipe)
    {
        manual_seed(5);
        var options = ClassifierOptions.SingleTask(["a", "b", "c"]);
        if (recipe) options = options with { StandardizeFeatures = true, SpecAugment = new SpecAugmentOptions() };
        using var model = ClassifierFactory.Create(FrontendDescription.Default(FrontendKind.Leaf), options);
        var before = model.ToDescription().Frontend.Values(ParameterNames.GaborCenter).ToArray();
        using (var optimizer = new HeldScalarAdam(model.parameters(), 1e-2))
        {
            model.train();
            for (int step = 0; step < 8; step++)
            {
                using var scope = NewDisposeScope();
                var x = randn(4, 4000).Times(0.1);
                var labels = randint(0, 3, [4]);
                optimizer.zero_grad();
                nn.functional.cross_entropy(model.forward(x), labels).backward();
                optimizer.step();
                model.ApplyConstraints();
            }
        }
        model.eval();
        var description = model.ToDescription();
        Assert.Equal(recipe, description.Layers[0] is StandardizeLayer);
        Assert.NotEqual(before, description.Frontend.Values(ParameterNames.GaborCenter)); // the frontend really learned

        byte[] onnx = ClassifierExporter.Export(description);
        using var scope2 = NewDisposeScope();
        using var _ = no_grad();
        var input = randn(2, 4000).Times(0.1);
        var expected = model.forward(input);
        var actual = ClassifierFixtures.Run(onnx, ParameterValues.ToFloats(input), 2, ["logits"])[0];
        float[] e = ParameterValues.ToFloats(expected);
        double scale = e.Max(v => Math.Abs(v)), error = e.Zip(actual, (a, b) => Math.Abs(a - b)).Max() / scale;
        output.WriteLine($"trained compact CNN + LEAF{(recipe ? " (standardised features)" : "")}: logits relative error {error:E2}");
        Assert.True(error < 1e-4, $"relative error {error}");
    }
}
