using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>Options of <see cref="FrontendExporter"/>.</summary>
public sealed record FrontendExportOptions
{
    /// <summary>
    /// Fix the input length to this many samples (the batch stays symbolic), e.g. for ML.NET's OnnxTransformer, which
    /// needs fixed-size vectors. Null (the default): the input is [batch, samples] with both dimensions symbolic.
    /// </summary>
    public int? FixedSamples { get; init; }

    /// <summary>
    /// Longest input, in frames, for which sPCEN's moving average must be exact: the graph gets ⌈log₂ MaxFrames⌉ doubling
    /// steps (fewer when the decay vanishes sooner, and then any length is exact). Default 2^20 frames (2.9 h at 10 ms).
    /// </summary>
    public int MaxFrames { get; init; } = 1 << 20;

    /// <summary>
    /// How LEAF's filterbank and pooling are computed: <see cref="LeafAlgorithm.Exact"/> (the default) or the
    /// frequency-domain <see cref="LeafAlgorithm.Fast"/> path. Ignored by the other frontend kinds.
    /// </summary>
    public LeafAlgorithm LeafAlgorithm { get; init; } = LeafAlgorithm.Exact;

    /// <summary>Free text stored as the model's <c>doc_string</c>; null for a generated summary.</summary>
    public string? DocString { get; init; }
}
