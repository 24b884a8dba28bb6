namespace Leaf.Cli.MlNet;

/// <summary>
/// The input schema of the model zips <c>leaf mlnet</c> writes (the generated consumption project declares the same
/// class): the audio file's path and its label (ignored when predicting, as in Model Builder's input class).
/// </summary>
public sealed class ModelInput
{
    /// <summary>Path of the audio file.</summary>
    public string Path { get; set; } = "";

    /// <summary>The label (training only).</summary>
    public string Label { get; set; } = "";
}
