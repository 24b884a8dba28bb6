using System.CommandLine;
using Leaf.Frontends;
using Leaf.Onnx;

namespace Leaf.Cli.Commands;

/// <summary><c>leaf export</c>: a frontend (the paper's default, or a description JSON) as a standard ONNX model.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var frontend = new Option<string>("--frontend") { Description = "'default' (the paper's initialisation) or a frontend description JSON (e.g. DIR/frontend.json from leaf train).", DefaultValueFactory = _ => FrontendSource.DefaultName };
        var kind = new Option<string?>("--kind") { Description = "Frontend kind with --frontend default: " + string.Join("|", FrontendKindNames.All) + "." };
        kind.AcceptOnlyFromAmong([.. FrontendKindNames.All]);
        var output = new Option<string>("--out") { Description = "The .onnx file to write (written atomically).", Required = true };
        var fixedSamples = new Option<int?>("--fixed-samples") { Description = "Fix the input length in samples (ML.NET needs known sizes); default: any length." };
        var json = new Option<bool>("--json") { Description = "Also write the complete frontend description next to the model (same name, .json)." };

        var command = new Command("export", "Export a frontend to ONNX (input 'waveform' [batch, samples], output 'features' [batch, frames, channels]).")
        { frontend, kind, output, fixedSamples, json };
        command.SetAction(parse =>
        {
            var description = FrontendSource.Resolve(parse.GetValue(frontend)!, parse.GetValue(kind)).WithInitialParameters();
            string path = parse.GetValue(output)!;
            var info = FrontendExporter.ExportToFile(description, path, new FrontendExportOptions { FixedSamples = parse.GetValue(fixedSamples) });
            if (parse.GetValue(json)) description.Save(Path.ChangeExtension(path, ".json"));
            parse.InvocationConfiguration.Output.WriteLine(
                $"{path}: {info.Kind.ToName()} frontend, {info.Channels} channels at {info.SampleRate} Hz, input {(info.FixedSamples is int t ? $"{t} samples" : "any length")}");
            return 0;
        });
        return command;
    }
}
