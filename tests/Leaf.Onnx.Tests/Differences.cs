namespace Leaf.Onnx.Tests;

/// <summary>
/// The worst differences of computed features from reference ones, on three scales: relative (near-zero values
/// included), relative to max(|reference|, 0.02) and relative to max(|reference|, 1) — the last is the absolute error on
/// features of unit scale (log-mel, instance-normalised).
/// </summary>
internal sealed class Differences
{
    /// <summary>Worst |a − e| / |e|.</summary>
    public double Relative { get; private set; }

    /// <summary>Worst |a − e| / max(|e|, 0.02).</summary>
    public double Floored { get; private set; }

    /// <summary>Worst |a − e| / max(|e|, 1).</summary>
    public double Absolute { get; private set; }

    /// <summary>Takes in one comparison; the lengths must agree.</summary>
    public void Add(float[] actual, float[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        Relative = Math.Max(Relative, MaxRelative(actual, expected, 1e-30));
        Floored = Math.Max(Floored, MaxRelative(actual, expected, 0.02));
        Absolute = Math.Max(Absolute, MaxRelative(actual, expected, 1));
    }

    /// <summary>Worst |a − e| / max(|e|, <paramref name="floor"/>).</summary>
    public static double MaxRelative(float[] actual, float[] expected, double floor)
    {
        double worst = 0;
        for (int i = 0; i < actual.Length; i++)
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), floor));
        return worst;
    }

    public override string ToString() =>
        $"worst relative difference {Relative:E2}, relative to max(|offline|, 0.02) {Floored:E2}, to max(|offline|, 1) {Absolute:E2}";
}
