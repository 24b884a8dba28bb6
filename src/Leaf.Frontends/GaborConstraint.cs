namespace Leaf.Frontends;

/// <summary>
/// The reference's <c>GaborConstraint</c> (docs/frontends.md "Gabor filterbank"): η ∈ [0, π], σ ∈ [4·√(2 ln 2)/π, K·√(2 ln 2)/π].
/// Applied in the forward pass and, as a projection of the stored values, after every optimiser step.
/// </summary>
public static class GaborConstraint
{
    private static readonly double Sqrt2Ln2 = Math.Sqrt(2 * Math.Log(2));

    /// <summary>Smallest σ: a magnitude-response FWHM of π/2 rad (≈1.499125).</summary>
    public static double MinWidth { get; } = 4 * Sqrt2Ln2 / Math.PI;

    /// <summary>Largest σ for a K-tap window: a FWHM of 2π/K rad (≈150.287281 for K = 401).</summary>
    public static double MaxWidth(int windowLength) => windowLength * Sqrt2Ln2 / Math.PI;

    /// <summary>η clipped to [0, π].</summary>
    public static double ClipCenter(double center) => Math.Clamp(center, 0, Math.PI);

    /// <summary>σ clipped to [<see cref="MinWidth"/>, <see cref="MaxWidth"/>].</summary>
    public static double ClipWidth(double width, int windowLength) => Math.Clamp(width, MinWidth, MaxWidth(windowLength));
}
