using System.CommandLine;
using Leaf.Cli.MlNet;
using Leaf.MLNet;
using Microsoft.ML;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf mlnet wrap</c> (route a): a classifier trained end-to-end by <c>leaf train</c> (its <c>model.onnx</c>) as
/// LoadAudio (the model's clip length, loudness-normalised like training) → ApplyLeafClassifier; writes model.zip
/// (the ONNX bytes inside) and the consumption project.
/// </summary>
internal static class MlNetWrapCommand
{
    public static Command Create()
    {
        var modelPath = new Option<string>("--model") { Description = "The classifier ONNX model (DIR/model.onnx from leaf train).", Required = true };
        var task = new Option<string?>("--task") { Description = "Task to predict, for a multi-task model." };
        var outputs = MlNetCommand.OutputOptions.Create();

        var command = new Command("wrap", "Wrap a classifier from leaf train as an ML.NET model.zip and a consumption project.") { modelPath, task };
        foreach (var option in outputs.All) command.Options.Add(option);
        command.SetAction(parse =>
        {
            string project = outputs.CheckedLeafMlNetProject(parse);
            var ml = new MLContext(seed: 0);
            string path = parse.GetValue(modelPath)!;
            var classifier = ml.Transforms.ApplyLeafClassifier("Waveform", path, new ApplyLeafClassifierOptions { Task = parse.GetValue(task) });
            var length = Enum.GetValues<ClipLength>().Where(l => l.Samples() == classifier.ClipSamples).Cast<ClipLength?>().FirstOrDefault()
                ?? throw new ArgumentException($"{path}: trained on {classifier.ClipSamples}-sample clips; LoadAudio has 1, 2, 5 or 10 s at 16 kHz");
            var pipeline = ml.Transforms.LoadAudio("Waveform", nameof(ModelInput.Path), new LoadAudioOptions { Length = length, NormalizeLoudness = true })
                .Append(classifier)
                .Append(ml.Transforms.DropColumns("Waveform"));
            using var model = pipeline.Fit(ml.Data.LoadFromEnumerable(Array.Empty<ModelInput>()));
            parse.InvocationConfiguration.Output.WriteLine($"{path}: labels {string.Join(", ", classifier.Labels)}; clips of {classifier.ClipSamples} samples");
            outputs.Write(parse, ml, model, project);
            return 0;
        });
        return command;
    }
}
