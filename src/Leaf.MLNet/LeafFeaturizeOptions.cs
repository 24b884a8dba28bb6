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
    /// Samples per waveform of a fixed-size input column: must equal its length, e.g. <see cref="ClipLengthExtensions.Samples"/>
    /// of <see cref="LoadAudioOptions.Length"/>. Default 16 000 (1 s). Ignored for a variable-length column
    /// (<see cref="ClipLength.Full"/>), which takes rows of any length.
    /// </summary>
    public int InputLength { get; init; } = LoadAudioOptions.SampleRate;

    /// <summary>
    /// Rows longer than this many samples (every row of a variable-length column, and a fixed <see cref="InputLength"/>
    /// above it) run through the segmented frontend model (<c>FrontendExportOptions.SegmentSamples</c>): the same
    /// features, computed in segments of about this many samples inside the ONNX model, so that memory per row does not
    /// grow with its length. Default 2^17 (8.2 s at 16 kHz); the frontend's minimum is about one frame's samples plus two
    /// strides (10 816 for the fast LEAF at 16 kHz).
    /// </summary>
    public int SegmentSamples { get; init; } = 1 << 17;

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
