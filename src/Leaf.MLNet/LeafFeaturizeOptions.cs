using Leaf.Frontends;

namespace Leaf.MLNet;

/// <summary>Options of <see cref="Microsoft.ML.LeafCatalog.LeafFeaturize"/>.</summary>
public sealed record LeafFeaturizeOptions
{
    /// <summary>
    /// The frontend to export and run; <see langword="null"/> (with no <see cref="ModelPath"/>) for the paper's default
    /// LEAF (<c>new FrontendDescription()</c>). Missing parameter values get the paper's initialisation.
    /// </summary>
    public FrontendDescription? Frontend { get; init; }

    /// <summary>
    /// A frontend model written by <c>FrontendExporter</c> (e.g. <c>leaf export</c>) instead of <see cref="Frontend"/>.
    /// Used as is when its fixed input length equals <see cref="InputLength"/> and its algorithm is
    /// <see cref="LeafAlgorithm"/>'s; otherwise re-exported from the description in its metadata with that length and algorithm.
    /// </summary>
    public string? ModelPath { get; init; }

    /// <summary>
    /// Samples per waveform (fixed, as ML.NET's ONNX transform needs known sizes); must equal the length of the input
    /// column, e.g. <see cref="ClipLengthExtensions.Samples"/> of <see cref="LoadAudioOptions.Length"/>. Default 16 000 (1 s).
    /// </summary>
    public int InputLength { get; init; } = LoadAudioOptions.SampleRate;

    /// <summary>
    /// How a LEAF frontend computes its energies: <see cref="Frontends.LeafAlgorithm.Fast"/> is the same model within 1e-4
    /// relative and about 3.4× faster in ONNX Runtime (docs/performance.md). <see langword="null"/> (the default): the
    /// <see cref="ModelPath"/> model's own algorithm, or <see cref="Frontends.LeafAlgorithm.Exact"/> for a
    /// <see cref="Frontend"/>. Ignored by the other frontend kinds.
    /// </summary>
    public LeafAlgorithm? LeafAlgorithm { get; init; }

    /// <summary>Output layout; default <see cref="FeatureLayout.Frames"/>. Time pooling runs inside ONNX.</summary>
    public FeatureLayout Layout { get; init; } = FeatureLayout.Frames;

    /// <summary>
    /// CUDA device to run on, or <see langword="null"/> (default) for the CPU. Not saved in a model zip: after loading,
    /// ML.NET takes it from <c>MLContext.GpuDeviceId</c>.
    /// </summary>
    public int? GpuDeviceId { get; init; }

    /// <summary>
    /// With <see cref="GpuDeviceId"/> set: run on the CPU when ONNX Runtime has no CUDA provider (default true);
    /// false throws <see cref="NotSupportedException"/> instead.
    /// </summary>
    public bool FallbackToCpu { get; init; } = true;
}
