namespace Leaf.Onnx.Classifiers;

/// <summary>Options of <see cref="ClassifierExporter"/>.</summary>
public sealed record ClassifierExportOptions
{
    /// <summary>Options of the frontend part (fixed input length, sPCEN's frame bound).</summary>
    public FrontendExportOptions Frontend { get; init; } = new();

    /// <summary>
    /// Clip length in samples the classifier was trained on, stored as <c>leaf.clip_samples</c> so that scorers window
    /// longer audio the same way. Null: the fixed input length if there is one, otherwise one second.
    /// </summary>
    public int? ClipSamples { get; init; }

    /// <summary>Free text stored as the model's <c>doc_string</c>; null for a generated summary.</summary>
    public string? DocString { get; init; }
}
