namespace Leaf.Cli.MlNet;

/// <summary>The prediction columns of the model zips <c>leaf mlnet</c> writes (the generated consumption project declares the same class).</summary>
public sealed class ModelOutput
{
    /// <summary>The most probable label.</summary>
    public string PredictedLabel { get; set; } = "";

    /// <summary>Probability of each label, in the model's label order.</summary>
    public float[] Score { get; set; } = [];
}
