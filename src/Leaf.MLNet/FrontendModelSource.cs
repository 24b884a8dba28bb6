using Leaf.Frontends;
using Leaf.Onnx;

namespace Leaf.MLNet;

/// <summary>The frontend ONNX models for <see cref="LeafFeaturizeOptions"/>: one for the fixed input length, one for variable-length rows.</summary>
internal static class FrontendModelSource
{
    /// <summary>
    /// The model of <see cref="LeafFeaturizeOptions.InputLength"/> samples: the <see cref="LeafFeaturizeOptions.ModelPath"/> file
    /// as is when its fixed length and algorithm match and one segment holds the input, otherwise exported from the
    /// description, in segments (<see cref="FrontendExportOptions.SegmentSamples"/>) when the input is longer than
    /// <see cref="LeafFeaturizeOptions.SegmentSamples"/>.
    /// </summary>
    public static (byte[] Model, OnnxModelInfo Info) Resolve(LeafFeaturizeOptions options)
    {
        if (options.InputLength < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.InputLength, "LeafFeaturize: InputLength must be positive");
        var (frontend, algorithm, file) = Source(options);
        bool segmented = options.InputLength > options.SegmentSamples;
        if (file is { Info: var info } && !segmented && info.FixedSamples == options.InputLength && info.LeafAlgorithm == algorithm) return (file.Value.Model, info);
        return Export(frontend, options.InputLength, algorithm, segmented ? options.SegmentSamples : null);
    }

    /// <summary>The segmented model of any length ([1, samples] → [1, frames, N]) for a variable-length column (<see cref="ClipLength.Full"/>).</summary>
    public static (byte[] Model, OnnxModelInfo Info) ResolveVariable(LeafFeaturizeOptions options)
    {
        var (frontend, algorithm, _) = Source(options);
        return Export(frontend, null, algorithm, options.SegmentSamples);
    }

    // The description and algorithm to export, and the ModelPath file with its metadata.
    private static (FrontendDescription Frontend, LeafAlgorithm Algorithm, (byte[] Model, OnnxModelInfo Info)? File) Source(LeafFeaturizeOptions options)
    {
        if (options.ModelPath is null) return (options.Frontend ?? new FrontendDescription(), options.LeafAlgorithm ?? LeafAlgorithm.Exact, null);
        if (options.Frontend is not null)
            throw new ArgumentException("LeafFeaturize: set either Frontend or ModelPath, not both", nameof(options));
        byte[] file = File.ReadAllBytes(options.ModelPath);
        var info = OnnxModelInfo.FromBytes(file, options.ModelPath);
        var algorithm = info.Kind == FrontendKind.Leaf ? options.LeafAlgorithm ?? info.LeafAlgorithm : LeafAlgorithm.Exact;
        return (info.Frontend, algorithm, (file, info));
    }

    private static (byte[], OnnxModelInfo) Export(FrontendDescription frontend, int? samples, LeafAlgorithm algorithm, int? segmentSamples)
    {
        byte[] model = FrontendExporter.Export(frontend, new FrontendExportOptions { FixedSamples = samples, LeafAlgorithm = algorithm, SegmentSamples = segmentSamples });
        return (model, OnnxModelInfo.FromBytes(model));
    }
}
