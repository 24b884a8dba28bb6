using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Onnx;
using Leaf.Onnx.Classifiers;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.MLNet.Tests;

/// <summary>
/// A small classifier ONNX model with random weights, exported by <see cref="ClassifierExporter"/> without TorchSharp:
/// LEAF with 8 filters (or <c>filters</c>) → one 3×3 convolution (ReLU) → 2×2 max pooling → global max pooling → a 3-class head.
/// </summary>
public static class TinyClassifier
{
    public static readonly string[] Labels = ["low", "mid", "high"];

    public static ClassifierDescription Description(int seed, string[]? labels = null, int filters = 8) =>
        Description(seed, filters, new ClassifierTask("sound", labels ?? Labels));

    /// <summary>The same network with one head per task.</summary>
    public static ClassifierDescription Description(int seed, int filters, params ClassifierTask[] tasks)
    {
        var random = new Random(seed);
        ParameterTensor Random(params int[] shape)
        {
            var values = new float[shape.Aggregate(1, (a, b) => a * b)];
            for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
            return new ParameterTensor(shape, values);
        }
        const int channels = 6;
        return new ClassifierDescription
        {
            Frontend = new FrontendDescription { FilterCount = filters },
            Layers =
            [
                new ConvLayer(Random(channels, 1, 3, 3), Random(channels), [1, 1], [1, 1, 1, 1], 1, Activation.Relu),
                new MaxPoolLayer([2, 2], [2, 2], CeilMode: true),
            ],
            Heads = tasks.Select(t => new ClassifierHead(t, Random(t.Labels.Length, channels), Random(t.Labels.Length))).ToArray(),
        };
    }

    /// <summary>Writes the model for 1 s clips at 16 kHz to <paramref name="path"/>.</summary>
    public static string Write(string path, int seed = 7, string[]? labels = null, int filters = 8)
    {
        ClassifierExporter.ExportToFile(Description(seed, labels, filters), path, new ClassifierExportOptions { ClipSamples = 16000 });
        return path;
    }

    /// <summary>The model's <paramref name="output"/> for each waveform, run with ONNX Runtime directly (batch of one, as ML.NET).</summary>
    public static float[][] Probabilities(string path, IEnumerable<float[]> waveforms, string output = ClassifierModelInfo.ProbabilitiesName)
    {
        using var session = new InferenceSession(path);
        return waveforms.Select(w =>
        {
            using var input = OrtValue.CreateTensorValueFromMemory(w, [1, w.Length]);
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, [FrontendExporter.InputName], [input], [output]);
            return results[0].GetTensorDataAsSpan<float>().ToArray();
        }).ToArray();
    }
}
