namespace Leaf.Frontends;

/// <summary>Complex Gabor impulse responses (paper "Filtering"; docs/frontends.md "Gabor filterbank"), computed in double and returned as float32.</summary>
public static class GaborKernels
{
    /// <summary>
    /// φ_n(t) = 1/(√(2π)·σ_n) · exp(−t²/(2σ_n²)) · exp(i·η_n·t) for t = −⌊K/2⌋ … ⌈K/2⌉−1, after the forward-pass clip
    /// of (η, σ) by <see cref="GaborConstraint"/>. Returns real and imaginary parts, each [N, K] row-major.
    /// </summary>
    public static (float[] Real, float[] Imag) ImpulseResponses(ReadOnlySpan<float> center, ReadOnlySpan<float> width, int windowLength)
    {
        int n = center.Length, k = windowLength;
        if (width.Length != n) throw new ArgumentException($"{n} centres but {width.Length} widths");
        var re = new float[n * k];
        var im = new float[n * k];
        int t0 = -(k / 2);
        for (int f = 0; f < n; f++)
        {
            double eta = GaborConstraint.ClipCenter(center[f]);
            double sigma = GaborConstraint.ClipWidth(width[f], k);
            double norm = 1.0 / (Math.Sqrt(2 * Math.PI) * sigma);
            for (int i = 0; i < k; i++)
            {
                double t = t0 + i;
                double g = norm * Math.Exp(-t * t / (2 * sigma * sigma));
                re[f * k + i] = (float)(g * Math.Cos(eta * t));
                im[f * k + i] = (float)(g * Math.Sin(eta * t));
            }
        }
        return (re, im);
    }
}
