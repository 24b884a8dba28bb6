namespace Leaf.Datasets;

/// <summary>Fractions of each class assigned to each split when a dataset has no explicit split.</summary>
/// <param name="Train">Training fraction.</param>
/// <param name="Valid">Validation fraction.</param>
/// <param name="Test">Test fraction.</param>
public sealed record SplitFractions(double Train, double Valid, double Test)
{
    /// <summary>80/10/10, the default for folder and manifest datasets.</summary>
    public static SplitFractions Default { get; } = new(0.8, 0.1, 0.1);

    /// <summary>Checks that the fractions are in [0, 1] and sum to 1.</summary>
    /// <exception cref="ArgumentException">They are not.</exception>
    public SplitFractions Validated()
    {
        if (new[] { Train, Valid, Test }.Any(f => !(f >= 0 && f <= 1)))
            throw new ArgumentException($"split fractions must each be in [0, 1], got {this}");
        if (Math.Abs(Train + Valid + Test - 1) > 1e-6)
            throw new ArgumentException($"split fractions must sum to 1, got {Train} + {Valid} + {Test} = {Train + Valid + Test}");
        return this;
    }
}
