using System.CommandLine;
using Leaf.Audio;
using Leaf.Frontends;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf featurize</c>: runs a frontend over audio files and writes one NumPy <c>.npy</c> per file
/// (float32, shape [frames, channels]), so results can be compared with any other implementation.
/// </summary>
internal static class FeaturizeCommand
{
    public static Command Create()
    {
        var inputs = new Argument<string[]>("audio") { Description = "Audio files or folders (searched recursively).", Arity = ArgumentArity.OneOrMore }.NoOptionLikeValues();
        var frontend = new Option<string>("--frontend") { Description = "'default' (the paper's initialisation), a frontend description JSON, or an exported .onnx model.", DefaultValueFactory = _ => FrontendSource.DefaultName };
        var kind = new Option<string?>("--kind") { Description = "Frontend kind with --frontend default: " + string.Join("|", FrontendKindNames.All) + "." };
        kind.AcceptOnlyFromAmong([.. FrontendKindNames.All]);
        var output = new Option<string>("--out") { Description = "Output folder for the .npy files.", Required = true };
        var engine = new Option<string>("--engine") { Description = "Inference engine: onnx (ONNX Runtime) or torch (TorchSharp).", DefaultValueFactory = _ => FeatureEngines.DefaultEngine };
        engine.AcceptOnlyFromAmong([.. FeatureEngines.Names]);
        var algorithm = new Option<string>("--algorithm") { Description = "LEAF only: exact (the published operations) or fast (the same features within 1e-4, computed in the frequency domain).", DefaultValueFactory = _ => LeafAlgorithm.Exact.ToName() };
        algorithm.AcceptOnlyFromAmong([.. LeafAlgorithmNames.All]);
        var loudness = new Option<bool>("--loudness") { Description = "Apply the paper's loudness normalisation (15 dB target, at most +30 dB) before the frontend." };
        var device = DeviceOption.Create();

        var command = new Command("featurize", "Compute frontend features of audio files and write one .npy [frames, channels] per file.")
        { inputs, frontend, kind, output, engine, algorithm, loudness, device };
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse, cancel)));
        return command;

        int Run(ParseResult parse, CancellationToken cancel)
        {
            var description = FrontendSource.Resolve(parse.GetValue(frontend)!, parse.GetValue(kind)).WithInitialParameters();
            var leafAlgorithm = LeafAlgorithmNames.Parse(parse.GetValue(algorithm)!);
            // The device first: a GPU that cannot run fails before any file is read.
            using var featurizer = FeatureEngines.Create(parse.GetValue(engine)!, description, leafAlgorithm, parse.GetValue(device)!);
            var files = AudioInputs.Expand(parse.GetValue(inputs)!, parse.InvocationConfiguration.Error);
            string outDir = parse.GetValue(output)!;
            var names = OutputNames(files);
            var load = new AudioLoadOptions { SampleRate = description.SampleRate, Loudness = parse.GetValue(loudness) ? LoudnessOptions.Paper : null };
            using var outputLock = OutputLock.ForFolder(outDir);
            bool streamWav = load.Loudness is null; // the paper's loudness normalisation divides by the whole file's level
            var o = parse.InvocationConfiguration.Output;
            for (int i = 0; i < files.Count; i++)
            {
                if (cancel.IsCancellationRequested)
                    throw new OperationCanceledException($"{i} of {files.Count} files written to {outDir}: run the same command again to write them all", cancel);
                using (var wav = streamWav ? WavStreamFeaturizer.TryOpen(files[i], description) : null)
                    if (wav is not null)
                    {
                        string streamed = Path.Combine(outDir, names[i]);
                        var (frames, channels) = WavStreamFeaturizer.Write(wav, streamed, featurizer);
                        o.WriteLine($"{files[i]} -> {streamed} [{frames} x {channels}]");
                        continue;
                    }
                var clip = AudioFile.Load(files[i], load);
                var features = featurizer.Featurize(clip.Samples);
                string path = Path.Combine(outDir, names[i]);
                NpyWriter.WriteFloat32(path, features.Values, features.Frames, features.Channels);
                o.WriteLine($"{files[i]} -> {path} [{features.Frames} x {features.Channels}]");
            }
            return 0;
        }
    }

    // One .npy per input, named after the file; inputs whose names collide are refused rather than overwritten.
    private static string[] OutputNames(IReadOnlyList<string> files)
    {
        var names = files.Select(f => Path.GetFileNameWithoutExtension(f) + ".npy").ToArray();
        var clash = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ArgumentException($"several inputs would be written to {clash.Key}; featurize them into separate --out folders");
        return names;
    }
}
