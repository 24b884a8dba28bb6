namespace Leaf.Onnx;

/// <summary>Keys of the <c>metadata_props</c> that LEAF for .NET writes into its ONNX models.</summary>
public static class OnnxMetadataKeys
{
    /// <summary>The frontend description as JSON (<c>leaf-frontend/1</c>, with every parameter value).</summary>
    public const string Frontend = "leaf.frontend";

    /// <summary>Input sample rate in Hz.</summary>
    public const string SampleRate = "leaf.sample_rate";

    /// <summary>Frontend kind: <c>leaf</c>, <c>mel</c>, <c>tdfbanks</c>, <c>sincnet</c> or <c>sincnet+</c>.</summary>
    public const string Kind = "leaf.kind";

    /// <summary>Version of this metadata layout (<see cref="OnnxModelInfo.CurrentFormatVersion"/>).</summary>
    public const string FormatVersion = "leaf.format_version";

    /// <summary>Longest input in frames the graph is exact for; absent when any length is.</summary>
    public const string MaxFrames = "leaf.max_frames";

    /// <summary>The fixed input length in samples; absent when the length is symbolic.</summary>
    public const string FixedSamples = "leaf.fixed_samples";

    /// <summary>How a LEAF frontend's energies are computed: <c>fast</c>; absent for the exact algorithm (and other kinds).</summary>
    public const string LeafAlgorithm = "leaf.algorithm";

    /// <summary>Class labels as a JSON array of strings (classifier models only).</summary>
    public const string Labels = "leaf.labels";
}
