namespace Leaf.Onnx.Classifiers;

/// <summary>
/// Keys of the <c>metadata_props</c> a classifier model adds to the frontend's (<see cref="OnnxMetadataKeys"/>). A
/// single-task model stores its labels under <see cref="OnnxMetadataKeys.Labels"/>; a multi-task model under
/// <see cref="LabelsOf"/> for each task.
/// </summary>
public static class ClassifierMetadataKeys
{
    /// <summary>Task names in head order, as a JSON array of strings.</summary>
    public const string Tasks = "leaf.tasks";

    /// <summary>The encoder: <c>compact-cnn</c> or <c>efficientnet-b0</c>.</summary>
    public const string Encoder = "leaf.encoder";

    /// <summary>Clip length in samples the classifier was trained on; score longer audio in windows of this length.</summary>
    public const string ClipSamples = "leaf.clip_samples";

    /// <summary>
    /// Present in a model made by <see cref="ClassifierWindowing"/>: input [1, samples] of any length, scored in clip
    /// windows; the value is the loudness normalisation of each window as JSON (<c>null</c> for none).
    /// </summary>
    public const string Windowed = "leaf.windowed";

    /// <summary>The key of one task's labels (JSON array of strings) in a multi-task model: <c>leaf.labels.&lt;task&gt;</c>.</summary>
    public static string LabelsOf(string task) => $"{OnnxMetadataKeys.Labels}.{task}";
}
