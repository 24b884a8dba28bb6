namespace Leaf.Training.Classifiers;

/// <summary>Batch normalisation hyper-parameters (PyTorch convention: running = (1 − momentum)·running + momentum·batch).</summary>
/// <param name="Epsilon">ε added to the variance.</param>
/// <param name="Momentum">Weight of the current batch in the running statistics.</param>
public sealed record BatchNormSettings(double Epsilon, double Momentum)
{
    /// <summary>PyTorch's defaults: ε = 1e-5, momentum 0.1.</summary>
    public static BatchNormSettings PyTorch { get; } = new(1e-5, 0.1);

    /// <summary>EfficientNet's (TF) values: ε = 1e-3, decay 0.99, i.e. momentum 0.01.</summary>
    public static BatchNormSettings EfficientNet { get; } = new(1e-3, 0.01);
}
