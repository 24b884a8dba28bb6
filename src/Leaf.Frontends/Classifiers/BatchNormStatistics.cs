namespace Leaf.Frontends.Classifiers;

/// <summary>An inference-mode batch normalisation: y = γ·(x − mean)/√(var + ε) + β per channel.</summary>
/// <param name="Gamma">Scale γ [C].</param>
/// <param name="Beta">Shift β [C].</param>
/// <param name="Mean">Running mean [C].</param>
/// <param name="Variance">Running variance [C].</param>
/// <param name="Epsilon">ε added to the variance.</param>
public sealed record BatchNormStatistics(float[] Gamma, float[] Beta, float[] Mean, float[] Variance, double Epsilon);
