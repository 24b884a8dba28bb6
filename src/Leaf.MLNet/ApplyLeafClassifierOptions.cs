using Leaf.Audio;

namespace Leaf.MLNet;

/// <summary>Options of <see cref="Microsoft.ML.LeafCatalog.ApplyLeafClassifier"/>.</summary>
public sealed record ApplyLeafClassifierOptions
{
    /// <summary>
    /// The task to predict, for a model with several heads; <see langword="null"/> (default) for a single-task model
    /// (a multi-task model then needs a name).
    /// </summary>
    public string? Task { get; init; }

    /// <summary>Name of the float vector column of class probabilities to create (default <c>Score</c>), one per label in the model's order.</summary>
    public string ScoreColumnName { get; init; } = "Score";

    /// <summary>Name of the text column of the most probable label to create (default <c>PredictedLabel</c>).</summary>
    public string PredictedLabelColumnName { get; init; } = "PredictedLabel";

    /// <summary>
    /// With a variable-length input column (<see cref="ClipLength.Full"/>): the loudness normalisation of each clip
    /// window inside the windowed model (default: the paper's, as training and <c>leaf predict</c>); null for none.
    /// </summary>
    public LoudnessOptions? WindowLoudness { get; init; } = LoudnessOptions.Paper;

    /// <summary>CUDA device to run on, or <see langword="null"/> (default) for the CPU; see <see cref="LeafFeaturizeOptions.GpuDeviceId"/>.</summary>
    public int? GpuDeviceId { get; init; }

    /// <summary>With <see cref="GpuDeviceId"/> set: run on the CPU when ONNX Runtime has no CUDA provider (default true).</summary>
    public bool FallbackToCpu { get; init; } = true;
}
