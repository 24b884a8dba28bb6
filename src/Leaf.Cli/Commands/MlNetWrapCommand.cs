using System.CommandLine;
using Leaf.Cli.MlNet;
using Leaf.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf mlnet wrap</c> (route a): a classifier trained end-to-end by <c>leaf train</c> (its <c>model.onnx</c>) as
/// LoadAudio (whole files) → ApplyLeafClassifier with the windowed model (mean logits over clip windows, each
/// loudness-normalised, as <c>leaf predict</c>); writes model.zip (the ONNX bytes inside) and the consumption project.
/// </summary>
internal static class MlNetWrapCommand
{
    public static Command Create()
    {
        var modelPath = new Option<string>("--model") { Description = "The classifier ONNX model (DIR/model.onnx from leaf train).", Required = true };
        var task = new Option<string?>("--task") { Description = "Task to predict, for a multi-task model." };
        var noLoudness = new Option<bool>("--no-loudness") { Description = "Do not loudness-normalise each window (only for models trained without it)." };
        var outputs = MlNetCommand.OutputOptions.Create();

        var command = new Command("wrap", "Wrap a classifier from leaf train as an ML.NET model.zip and a consumption project.") { modelPath, task, noLoudness };
        foreach (var option in outputs.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            var project = outputs.CheckedLeafMlNetReference(parse);
            var ml = new MLContext(seed: 0);
            string path = parse.GetValue(modelPath)!;
            var (pipeline, classifier) = WrappedClassifier.Create(ml, path, parse.GetValue(task), loudness: !parse.GetValue(noLoudness));
            using var outputLock = outputs.Lock(parse);   // after the model is checked, so a refused model leaves no output folder
            using var model = FitNamingTheModel(ml, pipeline, path);
            parse.InvocationConfiguration.Output.WriteLine($"{path}: labels {string.Join(", ", classifier.Labels)}; scored in windows of {classifier.ClipSamples} samples");
            outputs.Write(parse, ml, model, project);
            return 0;
        });
        return command;
    }

    // ML.NET's ONNX transform reports a graph it cannot use (shapes, types) without saying which file: say it.
    private static TransformerChain<ColumnSelectingTransformer> FitNamingTheModel(MLContext ml, EstimatorChain<ColumnSelectingTransformer> pipeline, string path)
    {
        try { return WrappedClassifier.Fit(ml, pipeline); }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException && !e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new FormatException($"{path}: ML.NET cannot use this model: {e.Message}", e);
        }
    }
}
