using Leaf.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.MLNet;

/// <summary>
/// Estimator of <see cref="LeafCatalog.LeafFeaturize"/>: a float waveform vector column of
/// <see cref="LeafFeaturizeOptions.InputLength"/> samples → a float feature vector column of <see cref="OutputSize"/>
/// values; or a variable-length waveform column (<see cref="ClipLength.Full"/>) → a variable-length vector of frames × N
/// (<see cref="FeatureLayout.Frames"/>) or the pooled layout's fixed-size vector. Fitting learns nothing: it returns
/// ML.NET's own ONNX transform built from the frontend's ONNX bytes (and a second one for time pooling), so the fitted
/// model saves into a model zip with the ONNX models inside it. Rows longer than
/// <see cref="LeafFeaturizeOptions.SegmentSamples"/> (all rows of a variable-length column) run through the segmented
/// frontend model, whose memory does not grow with the row's length.
/// </summary>
public sealed class LeafFeaturizeEstimator : DelegatingEstimator
{
    // The variable-length model is exported now, not when first fitted, so that a SegmentSamples below the frontend's minimum fails here.
    internal LeafFeaturizeEstimator(TransformsCatalog transforms, string outputColumnName, string inputColumnName, LeafFeaturizeOptions options)
        : this(transforms, outputColumnName, inputColumnName, options, FrontendModelSource.Resolve(options), FrontendModelSource.ResolveVariable(options).Model) { }

    private LeafFeaturizeEstimator(TransformsCatalog transforms, string output, string input, LeafFeaturizeOptions options, (byte[] Model, OnnxModelInfo Info) frontend, byte[] segmented)
        : base(input, Steps(transforms, output, input, options, frontend.Model, Pooling(options.Layout, frontend.Info, options.InputLength)),
            () => Steps(transforms, output, input, options, segmented, Pooling(options.Layout, frontend.Info, samples: null)))
    {
        Options = options;
        Info = frontend.Info;
        Frames = frontend.Info.FrameCount(options.InputLength);
        OutputSize = options.Layout == FeatureLayout.Frames ? Frames * Info.Channels : TimePoolingModel.OutputSize(options.Layout, Info.Channels);
    }

    /// <summary>The options it was created with.</summary>
    public LeafFeaturizeOptions Options { get; }

    /// <summary>The frontend model's metadata (description, sample rate, channels).</summary>
    public OnnxModelInfo Info { get; }

    /// <summary>Frames per waveform of <see cref="LeafFeaturizeOptions.InputLength"/> samples (a variable-length column: ⌈samples / stride⌉ per row, fewer for TD-filterbanks).</summary>
    public int Frames { get; }

    /// <summary>Length of the output vector for <see cref="LeafFeaturizeOptions.InputLength"/> samples (a variable-length column with <see cref="FeatureLayout.Frames"/>: frames × N per row).</summary>
    public int OutputSize { get; }

    private protected override void CheckInput(SchemaShape inputSchema) =>
        InputColumnCheck.RequireFloatVector(inputSchema, "LeafFeaturize", InputColumnName, allowVariable: true, LengthHint);

    private protected override void CheckInput(DataViewSchema inputSchema) =>
        InputColumnCheck.RequireSize(inputSchema, "LeafFeaturize", InputColumnName, [Options.InputLength, 0], LengthHint);

    private string LengthHint => $"LeafFeaturizeOptions.InputLength is {Options.InputLength} samples and must match LoadAudioOptions.Length, or use ClipLength.Full for rows of any length";

    // The time-pooling model of a pooled layout, for `samples` per row (null: any), or null for all frames.
    private static byte[]? Pooling(FeatureLayout layout, OnnxModelInfo info, int? samples) => layout == FeatureLayout.Frames
        ? null
        : samples is int length ? TimePoolingModel.Build(layout, info.FrameCount(length), info.Channels) : TimePoolingModel.BuildVariable(layout, info.Channels);

    private static IEnumerable<IEstimator<ITransformer>> Steps(TransformsCatalog transforms, string output, string input, LeafFeaturizeOptions options, byte[] model, byte[]? pooling)
    {
        const string waveform = FrontendExporter.InputName, features = FrontendExporter.OutputName;
        if (input == features || input == TimePoolingModel.OutputName)
            throw new ArgumentException($"LeafFeaturize: input column name '{input}' is reserved for an internal column; choose another", nameof(input));
        int? gpu = GpuSelection.Resolve(options.GpuDeviceId, options.FallbackToCpu);
        string result = pooling is null ? features : TimePoolingModel.OutputName;
        return [
            .. Rename(transforms, input, waveform),
            transforms.ApplyOnnxModel(features, waveform, new MemoryStream(model, writable: false), gpu, options.FallbackToCpu),
            .. pooling is null
                ? Array.Empty<IEstimator<ITransformer>>()
                : [transforms.ApplyOnnxModel(result, features, new MemoryStream(pooling, writable: false), gpu, options.FallbackToCpu)],
            .. Rename(transforms, result, output),
            .. Drop(transforms, pooling is null ? [waveform, features] : [waveform, features, result], input, output),
        ];
    }
}
