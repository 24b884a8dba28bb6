using System.CommandLine;
using Leaf.Audio;
using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Onnx;
using Leaf.Onnx.Classifiers;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf export</c>: a frontend (the paper's default, or a description JSON), or a whole trained classifier
/// (<c>classifier.json</c> written by <c>leaf train</c>), as a standard ONNX model.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var frontend = new Option<string>("--frontend") { Description = "'default' (the paper's initialisation) or a frontend description JSON (e.g. DIR/frontend.json from leaf train).", DefaultValueFactory = _ => FrontendSource.DefaultName };
        var kind = new Option<string?>("--kind") { Description = "Frontend kind with --frontend default: " + string.Join("|", FrontendKindNames.All) + "." };
        kind.AcceptOnlyFromAmong([.. FrontendKindNames.All]);
        var output = new Option<string>("--out") { Description = "The .onnx file to write (written atomically).", Required = true };
        var fixedSamples = new Option<int?>("--fixed-samples") { Description = "Fix the input length in samples (ML.NET needs known sizes); default: any length." }
            .Range(1, OptionRules.MaxClipSamples);
        var json = new Option<bool>("--json") { Description = "Also write the complete frontend description next to the model (same name, .json)." };
        var classifier = new Option<string?>("--classifier") { Description = "A trained classifier description (DIR/classifier.json from leaf train): exports frontend + network with 'logits' and 'probabilities'." };

        var fast = new Option<bool>("--fast") { Description = "LEAF only: compute the filterbank and pooling in the frequency domain (same model within 1e-4, several times faster; default: the exact operations)." };
        var segmentSamples = new Option<int?>("--segment-samples") { Description = "Frontends only: compute long inputs inside the model in segments of at most this many samples (one ONNX Loop, batch 1), so its memory does not grow with the input's length; e.g. 131072. Default: one run over the whole input." }
            .Range(1, OptionRules.MaxClipSamples);
        var clipSamples = new Option<int?>("--clip-samples") { Description = "With --classifier: the clip length (samples) it was trained on, stored in the metadata; default the fixed length, else 1 s." }
            .Range(1, OptionRules.MaxClipSamples);

        var command = new Command("export", "Export a frontend (input 'waveform' [batch, samples], output 'features' [batch, frames, channels]) or a trained classifier to ONNX.")
        { frontend, kind, output, fixedSamples, json, classifier, clipSamples, fast, segmentSamples };
        command.SetAction(parse =>
        {
            using var outputLock = OutputLock.ForFile(parse.GetValue(output)!);
            var frontendOptions = new FrontendExportOptions
            {
                FixedSamples = parse.GetValue(fixedSamples),
                LeafAlgorithm = parse.GetValue(fast) ? LeafAlgorithm.Fast : LeafAlgorithm.Exact,
                SegmentSamples = parse.GetValue(segmentSamples),
            };
            if (parse.GetValue(classifier) is string classifierPath)
            {
                if (frontendOptions.SegmentSamples is not null)
                    throw new ArgumentException("--segment-samples applies to frontend models; a classifier runs on clips of its training length (score long files with leaf predict or leaf score)");
                var model = ClassifierExporter.ExportToFile(ClassifierDescription.Load(classifierPath), parse.GetValue(output)!,
                    new ClassifierExportOptions { Frontend = frontendOptions, ClipSamples = parse.GetValue(clipSamples) });
                parse.InvocationConfiguration.Output.WriteLine($"{parse.GetValue(output)}: classifier on a {model.Frontend.Kind.ToName()} frontend, tasks {string.Join(", ", model.Tasks.Select(t => $"{t.Name} ({t.ClassCount} labels)"))}");
                return 0;
            }
            var description = FrontendSource.Resolve(parse.GetValue(frontend)!, parse.GetValue(kind)).WithInitialParameters();
            string path = parse.GetValue(output)!;
            var info = FrontendExporter.ExportToFile(description, path, frontendOptions);
            if (parse.GetValue(json)) description.Save(Path.ChangeExtension(path, ".json"));
            parse.InvocationConfiguration.Output.WriteLine(
                $"{path}: {info.Kind.ToName()} frontend, {info.Channels} channels at {info.SampleRate} Hz, input {(info.FixedSamples is int t ? $"{t} samples" : "any length")}"
                + (frontendOptions.SegmentSamples is int n ? $", computed in segments of at most {n} samples (batch 1)" : ""));
            return 0;
        });
        return command;
    }
}
