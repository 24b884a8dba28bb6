namespace Leaf.MLNet;

/// <summary>The shape of <see cref="Microsoft.ML.LeafCatalog.LeafFeaturize"/>'s output vector.</summary>
public enum FeatureLayout
{
    /// <summary>Every frame: [frames × channels], frame-major (frame f's channels at f·N … f·N + N − 1).</summary>
    Frames,

    /// <summary>Mean over time per channel: [channels].</summary>
    Mean,

    /// <summary>Maximum over time per channel: [channels].</summary>
    Max,

    /// <summary>Mean then (population) standard deviation over time per channel: [2 × channels].</summary>
    MeanStd,
}
