using System.CommandLine;
using Leaf.Audio;
using Leaf.Frontends;
using Leaf.Plotting;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf plot</c>: <c>--run DIR</c> redraws the PNGs of a training run into DIR/plots; <c>--features FILE --out PNG</c>
/// draws a frontend's features of a file next to its mel spectrogram (log mel filterbank energies).
/// </summary>
internal static class PlotCommand
{
    public static Command Create()
    {
        var run = new Option<string?>("--run") { Description = "A leaf train output folder: redraws curves, confusion matrices and learned filters into <run>/plots." };
        var features = new Option<string?>("--features") { Description = "An audio file: draws its frontend features next to its mel spectrogram." };
        var frontend = new Option<string>("--frontend") { Description = "With --features: 'default' (the paper's LEAF), a frontend JSON (e.g. a run's frontend.json) or an exported .onnx.", DefaultValueFactory = _ => FrontendSource.DefaultName };
        var output = new Option<string?>("--out") { Description = "With --features: the PNG to write." };

        var command = new Command("plot", "Draw PNG plots: a training run's curves, confusion matrices and learned filters, or a file's features.") { run, features, frontend, output };
        command.Validators.Add(result =>
        {
            bool hasRun = result.GetValue(run) is not null, hasFeatures = result.GetValue(features) is not null;
            if (hasRun == hasFeatures) result.AddError("give either --run DIR or --features FILE --out PNG");
            else if (hasFeatures && result.GetValue(output) is null) result.AddError("--features needs --out PNG");
        });
        command.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            if (parse.GetValue(run) is { } dir)
            {
                using var runLock = OutputLock.ForFolder(dir);
                foreach (string path in RunPlots.Write(dir)) o.WriteLine($"wrote {path}");
                return 0;
            }
            string file = parse.GetValue(features)!, png = parse.GetValue(output)!;
            using var outputLock = OutputLock.ForFile(png);
            var description = FrontendSource.Resolve(parse.GetValue(frontend)!, null);
            FeatureHeatmaps.Write(
            [
                ($"{description.Kind.ToName()} features", Featurize(description, file)),
                ("mel spectrogram (log mel energies)", Featurize(FrontendDescription.Default(FrontendKind.Mel) with { SampleRate = description.SampleRate }, file)),
            ], png, 1000.0 / description.StrideMs);
            o.WriteLine($"wrote {png}");
            return 0;
        });
        return command;
    }

    // Features [frames, channels] of the file, decoded at the frontend's sample rate.
    private static float[,] Featurize(FrontendDescription description, string file)
    {
        var clip = AudioFile.Load(file, new AudioLoadOptions { SampleRate = description.SampleRate });
        using var featurizer = FeatureEngines.Create(FeatureEngines.DefaultEngine, description);
        var f = featurizer.Featurize(clip.Samples);
        var matrix = new float[f.Frames, f.Channels];
        Buffer.BlockCopy(f.Values, 0, matrix, 0, f.Values.Length * sizeof(float));
        return matrix;
    }
}
