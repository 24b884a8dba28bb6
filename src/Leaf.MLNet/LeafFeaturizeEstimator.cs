using Leaf.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.MLNet;

/// <summary>
/// Estimator of <see cref="LeafCatalog.LeafFeaturize"/>: a float waveform vector column of
/// <see cref="LeafFeaturizeOptions.InputLength"/> samples → a float feature vector column of <see cref="OutputSize"/>
/// values. Fitting learns nothing: it returns ML.NET's own ONNX transform built from the frontend's ONNX bytes (and a
/// second one for time pooling), so the fitted model saves into a model zip with the ONNX models inside it.
/// </summary>
public sealed class LeafFeaturizeEstimator : DelegatingEstimator
{
    private readonly string inputColumnName;

    internal LeafFeaturizeEstimator(TransformsCatalog transforms, string outputColumnName, string inputColumnName, LeafFeaturizeOptions options)
        : this(transforms, outputColumnName, inputColumnName, options, FrontendModelSource.Resolve(options)) { }

    private LeafFeaturizeEstimator(TransformsCatalog transforms, string output, string input, LeafFeaturizeOptions options, (byte[] Model, OnnxModelInfo Info) frontend)
        : base(Steps(transforms, output, input, options, frontend.Model, frontend.Info))
    {
        inputColumnName = input;
        Options = options;
        Info = frontend.Info;
        Frames = frontend.Info.FrameCount(options.InputLength);
        OutputSize = options.Layout == FeatureLayout.Frames ? Frames * Info.Channels : TimePoolingModel.OutputSize(options.Layout, Info.Channels);
    }

    /// <summary>The options it was created with.</summary>
    public LeafFeaturizeOptions Options { get; }

    /// <summary>The frontend model's metadata (description, sample rate, channels).</summary>
    public OnnxModelInfo Info { get; }

    /// <summary>Frames per waveform.</summary>
    public int Frames { get; }

    /// <summary>Length of the output vector.</summary>
    public int OutputSize { get; }

    private protected override void CheckInput(SchemaShape inputSchema) =>
        InputColumnCheck.RequireFloatVector(inputSchema, "LeafFeaturize", inputColumnName, allowVariable: false, LengthHint);

    private protected override void CheckInput(DataViewSchema inputSchema) =>
        InputColumnCheck.RequireSize(inputSchema, "LeafFeaturize", inputColumnName, [Options.InputLength], LengthHint);

    private string LengthHint => $"LeafFeaturizeOptions.InputLength is {Options.InputLength} samples and must match LoadAudioOptions.Length; ClipLength.Full is not accepted";

    private static IEnumerable<IEstimator<ITransformer>> Steps(TransformsCatalog transforms, string output, string input, LeafFeaturizeOptions options, byte[] model, OnnxModelInfo info)
    {
        const string waveform = FrontendExporter.InputName, features = FrontendExporter.OutputName;
        if (input == features || input == TimePoolingModel.OutputName)
            throw new ArgumentException($"LeafFeaturize: input column name '{input}' is reserved for an internal column; choose another", nameof(input));
        int? gpu = GpuSelection.Resolve(options.GpuDeviceId, options.FallbackToCpu);
        bool pooled = options.Layout != FeatureLayout.Frames;
        string result = pooled ? TimePoolingModel.OutputName : features;
        return [
            .. Rename(transforms, input, waveform),
            transforms.ApplyOnnxModel(features, waveform, new MemoryStream(model, writable: false), gpu, options.FallbackToCpu),
            .. pooled
                ? [transforms.ApplyOnnxModel(result, features, new MemoryStream(TimePoolingModel.Build(options.Layout, info.FrameCount(options.InputLength), info.Channels), writable: false), gpu, options.FallbackToCpu)]
                : Array.Empty<IEstimator<ITransformer>>(),
            .. Rename(transforms, result, output),
            .. Drop(transforms, pooled ? [waveform, features, result] : [waveform, features], input, output),
        ];
    }
}
