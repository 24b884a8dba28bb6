using Leaf.Frontends;
using Leaf.Frontends.Classifiers;

namespace Leaf.Onnx.Classifiers;

/// <summary>
/// Exports a <see cref="ClassifierDescription"/> as one ONNX model (opset 17): input <c>waveform</c> float32
/// [batch, samples] → the frontend graph of <see cref="FrontendExporter"/> (its <c>features</c> [batch, frames, N] stay
/// available as an output) → Unsqueeze to [batch, 1, frames, N] → the encoder layers → ReduceMax over time and frequency
/// (also output as <c>embedding</c> [batch, channels], the penultimate layer) → per head a Gemm giving <c>logits</c>
/// [batch, classes] and a Softmax giving <c>probabilities</c> (with several tasks: <c>logits_&lt;task&gt;</c>,
/// <c>probabilities_&lt;task&gt;</c>). Labels, encoder, clip length and the frontend description
/// are stored in the metadata (<see cref="ClassifierModelInfo"/>).
/// </summary>
public static class ClassifierExporter
{
    /// <summary>The ONNX model of <paramref name="description"/>.</summary>
    /// <exception cref="FormatException">The description is invalid.</exception>
    /// <exception cref="ArgumentException">The options are inconsistent or out of range, or the frontend cannot be exported as described.</exception>
    /// <exception cref="NotSupportedException">The frontend configuration cannot be expressed exactly.</exception>
    public static byte[] Export(ClassifierDescription description, ClassifierExportOptions? options = null)
    {
        var (graph, info, docString) = Build(description, options ?? new());
        return OnnxModelWriter.ToBytes(graph, info.ToMetadata(), docString);
    }

    /// <summary>Exports to <paramref name="path"/> (written atomically) and returns the model's metadata.</summary>
    /// <inheritdoc cref="Export" path="/exception"/>
    public static ClassifierModelInfo ExportToFile(ClassifierDescription description, string path, ClassifierExportOptions? options = null)
    {
        var (graph, info, docString) = Build(description, options ?? new());
        OnnxModelWriter.WriteFile(path, OnnxModelWriter.ToBytes(graph, info.ToMetadata(), docString));
        return info;
    }

    private static (OnnxGraphBuilder Graph, ClassifierModelInfo Info, string DocString) Build(ClassifierDescription description, ClassifierExportOptions options)
    {
        description.Validate();
        int clipSamples = ClipSamples(description.Frontend, options);
        var (g, frontendInfo, _) = FrontendExporter.Build(description.Frontend, options.Frontend);
        frontendInfo.RequireValidLength(clipSamples);
        var info = new ClassifierModelInfo { Frontend = frontendInfo, Tasks = description.Tasks, Encoder = description.Encoder, ClipSamples = clipSamples };

        string images = g.Unsqueeze(FrontendExporter.OutputName, 1);                          // [B, 1, frames, N]: time = height, frequency = width
        string maps = EncoderGraph.Add(g, images, description.Layers, "encoder");
        string embedding = g.ReduceMax(maps, [2, 3], keepDims: false, ClassifierModelInfo.EmbeddingName); // global max pooling (docs/frontends.md "Classifier")
        var batch = OnnxDim.Named("batch");
        g.AddOutput(embedding, batch, OnnxDim.Fixed(description.EmbeddingSize));
        for (int i = 0; i < description.Heads.Length; i++)
        {
            var head = description.Heads[i];
            string weight = EncoderGraph.Constant(g, $"head.{head.Task.Name}.weight", head.Weight);
            string bias = EncoderGraph.Constant(g, $"head.{head.Task.Name}.bias", head.Bias);
            string logits = g.Linear(embedding, weight, bias, info.LogitsOutput(i));
            var classes = OnnxDim.Fixed(head.Task.ClassCount);
            g.AddOutput(logits, batch, classes);
            g.AddOutput(g.Softmax(logits, info.ProbabilitiesOutput(i)), batch, classes);
        }
        string tasks = string.Join("; ", description.Tasks.Select(t => $"{t.Name} ({t.ClassCount} classes)"));
        string summary = $"LEAF for .NET classifier: {description.Frontend.Kind.ToName()} frontend at {description.Frontend.SampleRate} Hz, "
            + $"{description.Encoder.ToName()} encoder, global max pooling; tasks: {tasks}; trained on {clipSamples}-sample clips";
        return (g, info, options.DocString ?? summary);
    }

    private static int ClipSamples(FrontendDescription frontend, ClassifierExportOptions options)
    {
        int? fixedSamples = options.Frontend.FixedSamples;
        if (options.ClipSamples is int clip && fixedSamples is int n && clip != n)
            throw new ArgumentException($"ClipSamples ({clip}) must equal the fixed input length ({n}) when the input length is fixed", nameof(options));
        int samples = options.ClipSamples ?? fixedSamples ?? frontend.SampleRate;
        if (samples < 1) throw new ArgumentOutOfRangeException(nameof(options), samples, "ClipSamples must be positive");
        return samples;
    }
}
