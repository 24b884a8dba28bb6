using System.CommandLine;
using Leaf.Datasets.Synthesis;

namespace Leaf.Cli.Commands;

/// <summary><c>leaf data synth keywords|instruments</c>: small demonstration datasets made from Debian packages.</summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var task = new Argument<string>("task") { Description = $"{KeywordDataset.TaskName} (espeak-ng voices with noise) or {InstrumentDataset.TaskName} (fluidsynth, General MIDI)." };
        task.AcceptOnlyFromAmong(KeywordDataset.TaskName, InstrumentDataset.TaskName);
        var output = new Option<string>("--out") { Description = "Output folder (train/valid/test/<label>/*.wav); files already there are kept.", Required = true };
        var perClass = new Option<int>("--per-class") { Description = "Files per class.", DefaultValueFactory = _ => new SynthesisOptions { OutputDirectory = "" }.PerClass }.Range(1, 100_000);
        var seed = new Option<int>("--seed") { Description = "Random seed; the same seed gives the same files.", DefaultValueFactory = _ => 0 };

        var synth = new Command("synth", "Synthesise a small labelled dataset (installs espeak-ng or fluidsynth with apt-get if missing).") { task, output, perClass, seed };
        synth.SetAction(parse =>
        {
            string name = parse.GetValue(task)!;
            using var outputLock = Leaf.Audio.OutputLock.ForFolder(parse.GetValue(output)!);
            var options = new SynthesisOptions
            {
                OutputDirectory = parse.GetValue(output)!,
                PerClass = parse.GetValue(perClass),
                Seed = parse.GetValue(seed),
                CommandLine = "leaf " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
                Log = parse.InvocationConfiguration.Error,
            };
            var result = CliProgress.Run($"synth {name}", "files", progress => name == KeywordDataset.TaskName
                ? KeywordDataset.Synthesize(options, progress)
                : InstrumentDataset.Synthesize(options, progress));
            parse.InvocationConfiguration.Output.WriteLine(
                $"{result.OutputDirectory}: {result.Total} files ({result.Written} written, {result.Existing} already there) in {result.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return new Command("data", "Dataset tools.") { synth };
    }
}
