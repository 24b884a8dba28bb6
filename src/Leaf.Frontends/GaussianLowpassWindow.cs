namespace Leaf.Frontends;

/// <summary>The unnormalised Gaussian pooling windows of LEAF (paper "Pooling"; docs/frontends.md "Gaussian pooling").</summary>
public static class GaussianLowpassWindow
{
    /// <summary>Smallest pooling width after the forward clip: 2/K.</summary>
    public static double MinWidth(int windowLength) => 2.0 / windowLength;

    /// <summary>Largest pooling width after the forward clip.</summary>
    public const double MaxWidth = 0.5;

    /// <summary>
    /// w_n[k] = exp(−½·((k − (K−1)/2) / (σ̃_n·(K−1)/2))²) with σ̃_n = clip(p_n, 2/K, 0.5), k = 0…K−1.
    /// Peak 1, not normalised (sum ≈ 198.08 at σ̃ = 0.4, K = 401). Returns [N, K] row-major.
    /// </summary>
    public static float[] Windows(ReadOnlySpan<float> widths, int windowLength)
    {
        int n = widths.Length, k = windowLength;
        var w = new float[n * k];
        double half = (k - 1) / 2.0;
        for (int c = 0; c < n; c++)
        {
            double sigma = Math.Clamp(widths[c], MinWidth(k), MaxWidth) * half;
            for (int i = 0; i < k; i++)
            {
                double x = (i - half) / sigma;
                w[c * k + i] = (float)Math.Exp(-0.5 * x * x);
            }
        }
        return w;
    }
}
