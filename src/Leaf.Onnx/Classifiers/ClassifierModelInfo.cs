using System.Globalization;
using System.Text.Json;
using Leaf.Audio;
using Leaf.Frontends.Classifiers;

namespace Leaf.Onnx.Classifiers;

/// <summary>What a classifier model says about itself in its <c>metadata_props</c>: the frontend's metadata, the tasks with their labels, the encoder and the clip length.</summary>
public sealed record ClassifierModelInfo
{
    /// <summary>Output name of the pooled encoder output [batch, channels] (global max pooling, the penultimate layer) that every head reads.</summary>
    public const string EmbeddingName = "embedding";

    /// <summary>Output name of a single-task model's logits [batch, classes].</summary>
    public const string LogitsName = "logits";

    /// <summary>Output name of a single-task model's softmax probabilities [batch, classes].</summary>
    public const string ProbabilitiesName = "probabilities";

    /// <summary>The frontend's metadata (a single task's labels are its <see cref="OnnxModelInfo.Labels"/>).</summary>
    public required OnnxModelInfo Frontend { get; init; }

    /// <summary>The tasks with their labels, in head order.</summary>
    public required IReadOnlyList<ClassifierTask> Tasks { get; init; }

    /// <summary>The encoder architecture.</summary>
    public required EncoderKind Encoder { get; init; }

    /// <summary>Clip length in samples the classifier was trained on.</summary>
    public required int ClipSamples { get; init; }

    /// <summary>Name of the logits output of head <paramref name="head"/>: <c>logits</c>, or <c>logits_&lt;task&gt;</c> with several tasks.</summary>
    public string LogitsOutput(int head) => OutputName(LogitsName, head);

    /// <summary>Name of the probabilities output of head <paramref name="head"/>: <c>probabilities</c>, or <c>probabilities_&lt;task&gt;</c>.</summary>
    public string ProbabilitiesOutput(int head) => OutputName(ProbabilitiesName, head);

    private string OutputName(string stem, int head) => Tasks.Count == 1 ? stem : $"{stem}_{Tasks[head].Name}";

    /// <summary>The metadata entries: the frontend's, then the tasks, the encoder, the clip length and (with several tasks) each task's labels.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToMetadata()
    {
        var frontend = Frontend with { Labels = Tasks.Count == 1 ? Tasks[0].Labels : null };
        foreach (var entry in frontend.ToMetadata()) yield return entry;
        yield return new(ClassifierMetadataKeys.Tasks, JsonSerializer.Serialize(Tasks.Select(t => t.Name)));
        yield return new(ClassifierMetadataKeys.Encoder, Encoder.ToName());
        yield return new(ClassifierMetadataKeys.ClipSamples, ClipSamples.ToString(CultureInfo.InvariantCulture));
        if (Tasks.Count > 1)
            foreach (var task in Tasks) yield return new(ClassifierMetadataKeys.LabelsOf(task.Name), JsonSerializer.Serialize(task.Labels));
    }

    /// <summary>Interprets the <c>metadata_props</c> of a classifier model (e.g. ONNX Runtime's <c>CustomMetadataMap</c>).</summary>
    /// <exception cref="FormatException">A key is missing or a value is invalid; the message names it.</exception>
    public static ClassifierModelInfo FromMetadata(IReadOnlyDictionary<string, string> metadata, string source = "ONNX model")
    {
        var frontend = OnnxModelInfo.FromMetadata(metadata, source);
        string Required(string key) => metadata.TryGetValue(key, out var v) ? v : throw new FormatException($"{source}: not a classifier model (no '{key}' metadata)");
        string[] Strings(string key) => ParseStrings(Required(key), key, source);

        string[] names = Strings(ClassifierMetadataKeys.Tasks);
        if (names.Length == 0) throw new FormatException($"{source}: '{ClassifierMetadataKeys.Tasks}' lists no task");
        var tasks = names.Length == 1
            ? [new ClassifierTask(names[0], frontend.Labels?.ToArray() ?? Strings(OnnxMetadataKeys.Labels))]
            : names.Select(n => new ClassifierTask(n, Strings(ClassifierMetadataKeys.LabelsOf(n)))).ToArray();
        foreach (var task in tasks) task.Validate(source);
        EncoderKind encoder;
        try { encoder = EncoderKindNames.Parse(Required(ClassifierMetadataKeys.Encoder)); }
        catch (ArgumentException e) { throw new FormatException($"{source}: {e.Message}", e); }
        string clip = Required(ClassifierMetadataKeys.ClipSamples);
        if (!int.TryParse(clip, NumberStyles.Integer, CultureInfo.InvariantCulture, out int clipSamples) || clipSamples < 1)
            throw new FormatException($"{source}: '{ClassifierMetadataKeys.ClipSamples}' is '{clip}', not a positive integer");
        long maxClip = AudioLimits.MaximumClipSamples(frontend.SampleRate);
        if (clipSamples > maxClip)
            throw new FormatException($"{source}: '{ClassifierMetadataKeys.ClipSamples}' is {clipSamples}, more than {maxClip} ({AudioLimits.MaximumClipSeconds} s at {frontend.SampleRate} Hz)");
        return new ClassifierModelInfo { Frontend = frontend with { Labels = null }, Tasks = tasks, Encoder = encoder, ClipSamples = clipSamples };
    }

    /// <summary>
    /// Checks the metadata against the graph, as every reader of a classifier does when it opens one: each task's logits
    /// output has one value per label of the task.
    /// </summary>
    /// <param name="outputWidth">The width n of the graph's [batch, n] output of that name (throwing when it has none).</param>
    /// <param name="source">Names the model in messages.</param>
    /// <exception cref="FormatException">A task's labels and its output disagree; the message names <paramref name="source"/>.</exception>
    public void RequireMatchingGraph(Func<string, long> outputWidth, string source)
    {
        ArgumentNullException.ThrowIfNull(outputWidth);
        for (int i = 0; i < Tasks.Count; i++)
        {
            long width = outputWidth(LogitsOutput(i));
            int labels = Tasks[i].Labels.Length;
            if (width != labels)
                throw new FormatException($"{source}: task '{Tasks[i].Name}' has {labels} labels in its metadata but output '{LogitsOutput(i)}' has {width} classes");
        }
    }

    private static string[] ParseStrings(string json, string key, string source)
    {
        try { return JsonSerializer.Deserialize<string[]>(json) ?? throw new FormatException($"{source}: '{key}' is null"); }
        catch (JsonException e) { throw new FormatException($"{source}: '{key}' is not a JSON array of strings: {e.Message}", e); }
    }
}
