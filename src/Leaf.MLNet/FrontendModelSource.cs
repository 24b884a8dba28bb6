using Leaf.Frontends;
using Leaf.Onnx;

namespace Leaf.MLNet;

/// <summary>The frontend ONNX model for <see cref="LeafFeaturizeOptions"/>, with a fixed input length.</summary>
internal static class FrontendModelSource
{
    public static (byte[] Model, OnnxModelInfo Info) Resolve(LeafFeaturizeOptions options)
    {
        if (options.InputLength < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.InputLength, "LeafFeaturize: InputLength must be positive");
        if (options.ModelPath is null)
            return Export(options.Frontend ?? new FrontendDescription(), options.InputLength, options.LeafAlgorithm ?? LeafAlgorithm.Exact);
        if (options.Frontend is not null)
            throw new ArgumentException("LeafFeaturize: set either Frontend or ModelPath, not both", nameof(options));

        byte[] file = File.ReadAllBytes(options.ModelPath);
        var info = OnnxModelInfo.FromBytes(file, options.ModelPath);
        var algorithm = info.Kind == FrontendKind.Leaf ? options.LeafAlgorithm ?? info.LeafAlgorithm : LeafAlgorithm.Exact;
        return info.FixedSamples == options.InputLength && info.LeafAlgorithm == algorithm ? (file, info) : Export(info.Frontend, options.InputLength, algorithm);
    }

    private static (byte[], OnnxModelInfo) Export(FrontendDescription frontend, int samples, LeafAlgorithm algorithm)
    {
        byte[] model = FrontendExporter.Export(frontend, new FrontendExportOptions { FixedSamples = samples, LeafAlgorithm = algorithm });
        return (model, OnnxModelInfo.FromBytes(model));
    }
}
