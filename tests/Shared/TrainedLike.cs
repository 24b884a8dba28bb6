using Leaf.Frontends;

namespace Leaf.Tests;

/// <summary>LEAF descriptions whose learned parameters are moved as training would move them.</summary>
public static class TrainedLike
{
    /// <summary>
    /// Every learned parameter moved within its range: η anywhere in (0, π), σ ×0.5–2 of the initial value, pooling widths
    /// 0.1–0.5, sPCEN α, δ, r and smoothing varied.
    /// </summary>
    public static FrontendDescription Leaf(Random random)
    {
        var d = FrontendDescription.Default(FrontendKind.Leaf).WithInitialParameters();
        int n = d.FilterCount;
        float[] Uniform(double lo, double hi) => Enumerable.Range(0, n).Select(_ => (float)(lo + (hi - lo) * random.NextDouble())).ToArray();
        float[] width = d.Values(ParameterNames.GaborWidth).Select(w => (float)(w * Math.Pow(2, 2 * random.NextDouble() - 1))).ToArray();
        var p = new SortedDictionary<string, ParameterTensor>(d.Parameters, StringComparer.Ordinal)
        {
            [ParameterNames.GaborCenter] = ParameterTensor.Vector(Uniform(0.01, 3.1)),
            [ParameterNames.GaborWidth] = ParameterTensor.Vector(width),
            [ParameterNames.PoolingWidth] = ParameterTensor.Vector(Uniform(0.1, 0.5)),
            [ParameterNames.PcenAlpha] = ParameterTensor.Vector(Uniform(0.8, 1.0)),
            [ParameterNames.PcenDelta] = ParameterTensor.Vector(Uniform(1, 3)),
            [ParameterNames.PcenRoot] = ParameterTensor.Vector(Uniform(1.5, 3)),
            [ParameterNames.PcenSmoothing] = ParameterTensor.Vector(Uniform(0.02, 0.06)),
        };
        return d with { Parameters = p };
    }

    /// <summary>Uniform noise in ±0.5.</summary>
    public static float[] Noise(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)(0.5 * (2 * random.NextDouble() - 1))).ToArray();
}
