using Leaf.MLNet.Classifiers;
using Leaf.Onnx;
using Leaf.Onnx.Classifiers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.MLNet;

/// <summary>
/// Estimator of <see cref="LeafCatalog.ApplyLeafClassifier"/>: a float waveform vector column of
/// <see cref="ClipSamples"/> samples → <see cref="ApplyLeafClassifierOptions.ScoreColumnName"/> (the model's softmax
/// probabilities, one per label of <see cref="Labels"/>) and <see cref="ApplyLeafClassifierOptions.PredictedLabelColumnName"/>
/// (the label of the largest probability). Fitting learns nothing: the fitted chain is ML.NET's ONNX transform built
/// from the model's bytes → the arg-max mapping (contract <c>Leaf.ArgMax</c>) → ML.NET's value mapping from index to
/// label, so the model zip carries the ONNX model and the labels. Given a variable-length waveform column
/// (<see cref="ClipLength.Full"/>) it fits the windowed model of <see cref="ClassifierWindowing"/> instead: the mean
/// logits over the file's clip windows, each window loudness-normalised (<see cref="ApplyLeafClassifierOptions.WindowLoudness"/>),
/// as <c>leaf predict</c> scores.
/// </summary>
public sealed class ApplyLeafClassifierEstimator : DelegatingEstimator
{
    internal ApplyLeafClassifierEstimator(TransformsCatalog transforms, string inputColumnName, string modelPath, ApplyLeafClassifierOptions options)
        : this(transforms, inputColumnName, Read(modelPath), modelPath, options) { }

    private ApplyLeafClassifierEstimator(TransformsCatalog transforms, string input, (byte[] Model, ClassifierModelInfo Info) model, string source, ApplyLeafClassifierOptions options)
        : this(transforms, input, model.Model, model.Info, Head(model.Info, options.Task, source), options) { }

    private ApplyLeafClassifierEstimator(TransformsCatalog transforms, string input, byte[] model, ClassifierModelInfo info, int head, ApplyLeafClassifierOptions options)
        : base(input, Steps(transforms, input, model, [1, info.ClipSamples], info, head, options),
            () => Steps(transforms, input, ClassifierWindowing.Wrap(model, options.WindowLoudness), null, info, head, options))
    {
        Options = options;
        Info = info;
        Labels = info.Tasks[head].Labels;
    }

    /// <summary>The options it was created with.</summary>
    public ApplyLeafClassifierOptions Options { get; }

    /// <summary>The model's metadata (frontend, tasks, encoder, clip length).</summary>
    public ClassifierModelInfo Info { get; }

    /// <summary>The labels of the predicted task, in score order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Samples per waveform: the clip length the model was trained on (<see cref="ClassifierModelInfo.ClipSamples"/>).</summary>
    public int ClipSamples => Info.ClipSamples;

    private protected override void CheckInput(SchemaShape inputSchema) =>
        InputColumnCheck.RequireFloatVector(inputSchema, "ApplyLeafClassifier", InputColumnName, allowVariable: true, LengthHint);

    private protected override void CheckInput(DataViewSchema inputSchema) =>
        InputColumnCheck.RequireSize(inputSchema, "ApplyLeafClassifier", InputColumnName, [ClipSamples, 0], LengthHint);

    private string LengthHint => $"the model's clip length is {ClipSamples} samples: LoadAudioOptions.Length must match it, or be ClipLength.Full for whole files";

    private static (byte[] Model, ClassifierModelInfo Info) Read(string path)
    {
        Leaf.Audio.RegularFile.Require(path);
        byte[] model = File.ReadAllBytes(path);
        try
        {
            using var session = new InferenceSession(model);
            var info = ClassifierModelInfo.FromMetadata(session.ModelMetadata.CustomMetadataMap, path);
            ClassifierWindowing.RequireNotWindowed(session.ModelMetadata.CustomMetadataMap, path);
            info.RequireMatchingGraph(name => session.OutputMetadata.TryGetValue(name, out var output) && output.Dimensions is [_, int width] && width > 0
                ? width
                : throw new FormatException($"{path}: a classifier model has output '{name}' [batch, n] with a fixed n"), path);
            return (model, info);
        }
        catch (OnnxRuntimeException e)
        {
            throw new FormatException($"{path}: not an ONNX model ONNX Runtime can load ({e.Message})", e);
        }
    }

    private static int Head(ClassifierModelInfo info, string? task, string source)
    {
        if (task is null)
            return info.Tasks.Count == 1
                ? 0
                : throw new ArgumentException($"ApplyLeafClassifier: {source} has tasks {string.Join(", ", info.Tasks.Select(t => t.Name))}; set ApplyLeafClassifierOptions.Task");
        for (int i = 0; i < info.Tasks.Count; i++) if (info.Tasks[i].Name == task) return i;
        throw new ArgumentException($"ApplyLeafClassifier: {source} has no task '{task}' (it has {string.Join(", ", info.Tasks.Select(t => t.Name))})");
    }

    // The chain for `model` with input shape `shape` (null: the model's own, for the windowed model's [1, samples]).
    private static IEnumerable<IEstimator<ITransformer>> Steps(TransformsCatalog transforms, string input, byte[] model, int[]? shape, ClassifierModelInfo info, int head, ApplyLeafClassifierOptions options)
    {
        const string waveform = FrontendExporter.InputName;
        string probabilities = info.ProbabilitiesOutput(head), score = options.ScoreColumnName, label = options.PredictedLabelColumnName;
        string[] internalNames = [waveform, probabilities, ScoresRow.ColumnName, PredictedIndexRow.ColumnName];
        foreach (string name in new[] { input, score, label })
            if (internalNames.Contains(name, StringComparer.Ordinal))
                throw new ArgumentException($"ApplyLeafClassifier: column name '{name}' is reserved for an internal column; choose another", nameof(options));
        if (score == label) throw new ArgumentException("ApplyLeafClassifier: the score and predicted-label columns need different names", nameof(options));
        int? gpu = GpuSelection.Resolve(options.GpuDeviceId, options.FallbackToCpu);
        var shapes = shape is null ? null : new Dictionary<string, int[]> { [waveform] = shape };
        var labels = info.Tasks[head].Labels.Select((name, index) => new KeyValuePair<float, string>(index, name));
        return [
            .. Rename(transforms, input, waveform),
            transforms.ApplyOnnxModel(probabilities, waveform, new MemoryStream(model, writable: false), shapes, gpu, options.FallbackToCpu),
            .. Rename(transforms, probabilities, ScoresRow.ColumnName),
            transforms.CustomMapping(new ArgMaxMapping().GetMapping(), ArgMaxMapping.ContractName),
            transforms.Conversion.MapValue(label, labels, PredictedIndexRow.ColumnName),
            .. Rename(transforms, ScoresRow.ColumnName, score),
            .. Drop(transforms, internalNames, input, score, label),
        ];
    }
}
