using System.CommandLine;
using Leaf.Audio;
using Leaf.Onnx;
using Leaf.Onnx.Classifiers;

namespace Leaf.Cli;

/// <summary>The options <c>score</c>, <c>predict</c> and <c>eval</c> share to open a classifier model, and opening it.</summary>
internal sealed class ClassifierModels
{
    /// <summary>The options with <c>--batch</c> defaulting to the classifier's default batch.</summary>
    public ClassifierModels() : this(new OnnxClassifierOptions().BatchWindows) { }

    /// <summary>The options with <c>--batch</c> defaulting to <paramref name="defaultBatch"/> windows.</summary>
    public ClassifierModels(int defaultBatch) =>
        Batch = new Option<int>("--batch") { Description = "Windows (clip-length pieces of audio) per ONNX Runtime run.", DefaultValueFactory = _ => defaultBatch }
            .Range(1, OptionRules.MaxBatch);

    public Option<string> Model { get; } = new("--model") { Description = "Classifier model (.onnx from leaf train or leaf export --classifier).", Required = true };
    public Option<string> Device { get; } = DeviceOption.Create();
    public Option<int> Threads { get; } = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads (0: one per physical core). With 1 (default) results are bit-identical whatever the batch's other files.", DefaultValueFactory = _ => 1 }
        .Range(0, OptionRules.MaxThreads);
    public Option<int> Batch { get; }
    public Option<bool> NoLoudness { get; } = new("--no-loudness") { Description = "Do not loudness-normalise each window (only for models trained without it)." };

    public IEnumerable<Option> All => [Model, Device, Threads, Batch, NoLoudness];

    /// <summary>The classifier options the parsed command line names; <paramref name="embeddings"/> adds the embedding output.</summary>
    public OnnxClassifierOptions Options(ParseResult parse, bool embeddings = false)
    {
        return new OnnxClassifierOptions
        {
            Session = new OnnxFrontendOptions { ExecutionProvider = parse.GetValue(Device)!, IntraOpThreads = parse.GetValue(Threads), AllowSpinning = false },
            BatchWindows = parse.GetValue(Batch),
            Loudness = parse.GetValue(NoLoudness) ? null : new OnnxClassifierOptions().Loudness,
            Embeddings = embeddings,
        };
    }

    /// <summary>
    /// Decodes and scores <paramref name="paths"/> in order, 64 files per <see cref="OnnxClassifier.Score(IReadOnlyList{float[]})"/>
    /// call, so that windows of several files fill the (zero-padded) batches.
    /// </summary>
    public static IEnumerable<(string Path, ClassifierScore Score)> ScoreFiles(OnnxClassifier classifier, IEnumerable<string> paths)
    {
        var load = new AudioLoadOptions { SampleRate = classifier.SampleRate };
        foreach (var chunk in paths.Chunk(64))
        {
            var scores = classifier.Score([.. chunk.Select(p => AudioFile.Load(p, load).Samples)]);
            for (int i = 0; i < chunk.Length; i++) yield return (chunk[i], scores[i]);
        }
    }

    /// <summary>The head of <paramref name="task"/> (the <c>--task</c> option); null chooses the only task of a single-task model.</summary>
    /// <exception cref="ArgumentException">No such task, or none named for a multi-task model.</exception>
    public static int TaskIndex(ClassifierModelInfo info, string? task)
    {
        if (task is null)
        {
            if (info.Tasks.Count == 1) return 0;
            throw new ArgumentException($"the model has {info.Tasks.Count} tasks ({string.Join(", ", info.Tasks.Select(t => t.Name))}); choose one with --task");
        }
        int index = info.Tasks.ToList().FindIndex(t => t.Name == task);
        return index >= 0 ? index : throw new ArgumentException($"--task {task}: the model's tasks are {string.Join(", ", info.Tasks.Select(t => t.Name))}");
    }

    /// <summary>Opens the model the parsed command line names.</summary>
    public OnnxClassifier Open(ParseResult parse)
    {
        string path = parse.GetValue(Model)!;
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: model not found", path);
        RegularFile.Require(path);
        return new OnnxClassifier(path, Options(parse));
    }
}
