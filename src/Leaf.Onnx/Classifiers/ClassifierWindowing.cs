using System.Text.Json;
using Google.Protobuf;
using Leaf.Audio;
using Leaf.Onnx.Proto;

namespace Leaf.Onnx.Classifiers;

/// <summary>
/// Turns a classifier model (<see cref="ClassifierExporter"/>) into one that scores a whole file as
/// <see cref="OnnxClassifier"/> does: input <c>waveform</c> [1, samples] of any length → ⌊samples / clip⌋ windows (at
/// least one, zero-padded when shorter; <see cref="ClipWindows"/>) → each window loudness-normalised (optional) →
/// the original graph on each window in turn (ONNX <c>Scan</c>, so memory does not grow with the length) → <c>logits</c> = the mean over windows [1, classes] and
/// <c>probabilities</c> = softmax of that mean (per task for a multi-task model), plus the mean <c>embedding</c> when the
/// model has one. The metadata is kept, with <see cref="ClassifierMetadataKeys.Windowed"/> added.
/// </summary>
public static class ClassifierWindowing
{
    private const string InnerPrefix = "clip/";

    /// <summary>The windowed model of <paramref name="classifierModel"/>, each window loudness-normalised as in training (<see cref="LoudnessOptions.Paper"/>).</summary>
    /// <inheritdoc cref="Wrap(byte[], LoudnessOptions?, string)" path="/exception"/>
    public static byte[] Wrap(byte[] classifierModel) => Wrap(classifierModel, LoudnessOptions.Paper);

    /// <summary>The windowed model of <paramref name="classifierModel"/> (the bytes of a classifier ONNX model).</summary>
    /// <param name="classifierModel">The classifier model's bytes.</param>
    /// <param name="loudness">Loudness normalisation of each window (as <see cref="OnnxClassifierOptions.Loudness"/>); null for none.</param>
    /// <param name="source">Names the model in error messages.</param>
    /// <exception cref="FormatException">The bytes are not an ONNX model, not a classifier model of LEAF for .NET, or already windowed; the message names <paramref name="source"/>.</exception>
    public static byte[] Wrap(byte[] classifierModel, LoudnessOptions? loudness, string source = "ONNX model")
    {
        ArgumentNullException.ThrowIfNull(classifierModel);
        ModelProto model;
        try { model = ModelProto.Parser.ParseFrom(classifierModel); }
        catch (InvalidProtocolBufferException e) { throw new FormatException($"{source}: not an ONNX model ({e.Message})", e); }
        var metadata = model.MetadataProps.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var info = ClassifierModelInfo.FromMetadata(metadata, source);
        RequireNotWindowed(metadata, source);
        var inner = model.Graph;
        if (!inner.Input.Any(i => i.Name == FrontendExporter.InputName))
            throw new FormatException($"{source}: a classifier model has input '{FrontendExporter.InputName}'");

        info.RequireMatchingGraph(name => Width(inner, name, source), source);
        var heads = Enumerable.Range(0, info.Tasks.Count).Select(i => (Name: info.LogitsOutput(i), Width: Width(inner, info.LogitsOutput(i), source))).ToList();
        bool embedding = inner.Output.Any(o => o.Name == ClassifierModelInfo.EmbeddingName);
        var outputs = embedding ? [.. heads, (ClassifierModelInfo.EmbeddingName, Width(inner, ClassifierModelInfo.EmbeddingName, source))] : heads;

        var g = new OnnxGraphBuilder("leaf_windowed_classifier");
        string waveform = g.AddInput(FrontendExporter.InputName, OnnxDim.Fixed(1), OnnxDim.Named("samples"));
        string windows = Windows(g, waveform, info.ClipSamples);
        if (loudness is not null) windows = NormalizeLoudness(g, windows, loudness);
        OnnxGraphBuilder body;
        try { body = WindowBody(inner, info.ClipSamples, outputs); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) { throw new FormatException($"{source}: {e.Message}", e); }
        // Scan runs the original graph one window at a time: memory stays that of one clip whatever the file's length.
        string perWindow = g.AddNode("Scan", [windows], [OnnxAttribute.Graph("body", body), OnnxAttribute.Int("num_scan_inputs", 1)]);
        string mean = g.ReduceMean(perWindow, [0], keepDims: true);                            // [1, Σ widths]
        long offset = 0;
        foreach (var (name, width) in outputs)
        {
            string part = g.Identity(g.Slice(mean, g.AddInt64s(offset), g.AddInt64s(offset + width), g.AddInt64s(1)), name);
            offset += width;
            g.AddOutput(part, OnnxDim.Fixed(1), OnnxDim.Fixed(width));
            int head = heads.FindIndex(h => h.Name == name);
            if (head >= 0) g.AddOutput(g.Softmax(part, info.ProbabilitiesOutput(head)), OnnxDim.Fixed(1), OnnxDim.Fixed(width));
        }

        var entries = model.MetadataProps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))
            .Append(new(ClassifierMetadataKeys.Windowed, JsonSerializer.Serialize(loudness)));
        string doc = $"{model.DocString} Windowed: any number of samples, scored in non-overlapping {info.ClipSamples}-sample windows, mean logits.";
        return OnnxModelWriter.ToBytes(g, entries, doc.Trim());
    }

    /// <summary>Whether <paramref name="metadata"/> (a model's <c>metadata_props</c>) is that of a windowed model.</summary>
    public static bool IsWindowed(IReadOnlyDictionary<string, string> metadata) => metadata.ContainsKey(ClassifierMetadataKeys.Windowed);

    /// <summary>Refuses a windowed model where a classifier model of fixed clips is needed (scorers that window themselves, <see cref="Wrap(byte[])"/>).</summary>
    /// <exception cref="FormatException">The metadata is that of a windowed model; the message names <paramref name="source"/>.</exception>
    public static void RequireNotWindowed(IReadOnlyDictionary<string, string> metadata, string source)
    {
        if (IsWindowed(metadata))
            throw new FormatException($"{source}: the model is already windowed (input [1, samples], made by ClassifierWindowing); use the classifier model it was made from");
    }

    // [1, n] → [max(1, ⌊n / L⌋), L]: zero-pad to at least L samples, drop the incomplete last window (ClipWindows.Count).
    private static string Windows(OnnxGraphBuilder g, string waveform, int clip)
    {
        string length = g.Shape(waveform, 1, 2);
        string clipLength = g.AddInt64s(clip);
        string count = g.Max(g.Div(length, clipLength), g.AddInt64s(1));
        string used = g.Mul(count, clipLength);
        string padding = g.Max(g.Sub(used, length), g.AddInt64s(0));
        string padded = g.Pad(waveform, g.Concat(0, g.AddInt64s(0, 0, 0), padding));
        string cut = g.Slice(padded, g.AddInt64s(0), used, g.AddInt64s(1));
        return g.Reshape(cut, -1, clip);
    }

    // Each row x ← x·min(10^(max/20), 10^(target/20) / (std(x) + ε)), the statistics in float64 as LoudnessNormalization's.
    private static string NormalizeLoudness(OnnxGraphBuilder g, string windows, LoudnessOptions loudness)
    {
        string x = g.CastToDouble(windows);
        string centred = g.Sub(x, g.ReduceMean(x, [1], keepDims: true));
        string std = g.Sqrt(g.ReduceMean(g.Mul(centred, centred), [1], keepDims: true));
        string target = g.AddDoubleScalar("loudness_target", Math.Pow(10, loudness.TargetDb / 20));
        string maxGain = g.AddDoubleScalar("loudness_max_gain", Math.Pow(10, loudness.MaxGainDb / 20));
        string gain = g.Min(maxGain, g.Div(target, g.Add(std, g.AddDoubleScalar("loudness_epsilon", LoudnessNormalization.Epsilon))));
        return g.Mul(windows, g.CastToFloat(gain));
    }

    // Scan body: one window [clip] → the original graph on [1, clip] → its `outputs` concatenated [Σ widths]. All its
    // values are renamed "window/…" so that none shadows a value of the outer graph.
    private static OnnxGraphBuilder WindowBody(GraphProto inner, int clip, IReadOnlyList<(string Name, long Width)> outputs)
    {
        var b = new OnnxGraphBuilder("window");
        string window = b.AddInput("window", OnnxDim.Fixed(clip));
        b.AddGraph(inner, InnerPrefix, new Dictionary<string, string> { [FrontendExporter.InputName] = b.Unsqueeze(window, 0) });
        b.Identity(b.Reshape(b.Concat(1, [.. outputs.Select(o => InnerPrefix + o.Name)]), -1), "scores");
        var body = new OnnxGraphBuilder("window_body");
        const string prefix = "window/";
        body.AddInput(prefix + window, OnnxDim.Fixed(clip));
        body.AddGraph(b.ToProto(), prefix, new Dictionary<string, string> { [window] = prefix + window });
        body.AddOutput(prefix + "scores", OnnxDim.Fixed(outputs.Sum(o => o.Width)));
        return body;
    }

    // The fixed width n of the inner output `name` [batch, n].
    private static long Width(GraphProto inner, string name, string source)
    {
        var output = inner.Output.FirstOrDefault(o => o.Name == name) ?? throw new FormatException($"{source}: a classifier model has output '{name}'");
        var dims = output.Type?.TensorType?.Shape?.Dim;
        long width = dims is { Count: 2 } ? dims[1].DimValue : 0;
        return width >= 1 ? width : throw new FormatException($"{source}: output '{name}' is not [batch, n] with a fixed n");
    }
}
