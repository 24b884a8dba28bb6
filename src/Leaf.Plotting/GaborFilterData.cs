using Leaf.Frontends;

namespace Leaf.Plotting;

/// <summary>
/// Plot-ready figures of a Gabor filterbank (LEAF): centre frequencies and bandwidths in Hz, and frequency responses.
/// </summary>
public static class GaborFilterData
{
    private static readonly double Sqrt2Ln2 = Math.Sqrt(2 * Math.Log(2));

    /// <summary>Whether <paramref name="frontend"/> has a Gabor filterbank (centres and widths) to plot.</summary>
    public static bool HasGaborFilters(FrontendDescription frontend) =>
        frontend.WithInitialParameters().Parameters.ContainsKey(ParameterNames.GaborCenter);

    /// <summary>The same frontend with its initial (mel-matched) parameters instead of the learned ones.</summary>
    public static FrontendDescription Initial(FrontendDescription frontend) =>
        (frontend with { Parameters = new SortedDictionary<string, ParameterTensor>(StringComparer.Ordinal) }).WithInitialParameters();

    /// <summary>Centre frequencies in Hz: f = η·sr/(2π), η clipped to [0, π] as in the forward pass.</summary>
    public static double[] CentersHz(FrontendDescription frontend) =>
        [.. frontend.WithInitialParameters().Values(ParameterNames.GaborCenter).Select(eta => GaborConstraint.ClipCenter(eta) * frontend.SampleRate / (2 * Math.PI))];

    /// <summary>
    /// Bandwidths in Hz: the full width at half maximum of the magnitude response, 2√(2 ln 2)/σ rad/sample for a Gaussian
    /// envelope of width σ samples (σ clipped as in the forward pass), times sr/(2π).
    /// </summary>
    public static double[] BandwidthsHz(FrontendDescription frontend)
    {
        var d = frontend.WithInitialParameters();
        return [.. d.Values(ParameterNames.GaborWidth).Select(s => 2 * Sqrt2Ln2 / GaborConstraint.ClipWidth(s, d.WindowLength) * d.SampleRate / (2 * Math.PI))];
    }

    /// <summary>The frequencies in Hz of the bins of <see cref="Responses"/>: k·sr/n_fft for k = 0 … n_fft/2.</summary>
    public static double[] BinFrequencies(int sampleRate, int fftSize) => [.. Enumerable.Range(0, fftSize / 2 + 1).Select(k => (double)k * sampleRate / fftSize)];

    /// <summary>
    /// Magnitude responses [filter][bin] in dB relative to the largest value of all filters: |Σ_t φ_n(t)·e^(−iωt)| at
    /// ω = 2πk/n_fft, k = 0 … n_fft/2, of the impulse responses of <see cref="GaborKernels"/>; floored at <paramref name="floorDb"/>.
    /// </summary>
    public static double[][] Responses(FrontendDescription frontend, int fftSize = 1024, double floorDb = -60)
    {
        var d = frontend.WithInitialParameters();
        float[] centers = d.Values(ParameterNames.GaborCenter), widths = d.Values(ParameterNames.GaborWidth);
        int k = d.WindowLength, filters = centers.Length;
        var (re, im) = GaborKernels.ImpulseResponses(centers, widths, k);
        int t0 = -(k / 2);
        var magnitude = new double[filters][];
        for (int f = 0; f < filters; f++)
        {
            magnitude[f] = new double[fftSize / 2 + 1];
            for (int bin = 0; bin < magnitude[f].Length; bin++)
            {
                double omega = 2 * Math.PI * bin / fftSize, sumRe = 0, sumIm = 0;
                for (int i = 0; i < k; i++)
                {
                    double c = Math.Cos(omega * (t0 + i)), s = Math.Sin(omega * (t0 + i));
                    sumRe += re[f * k + i] * c + im[f * k + i] * s;      // (a + ib)·e^(−iωt), real part
                    sumIm += im[f * k + i] * c - re[f * k + i] * s;      // imaginary part
                }
                magnitude[f][bin] = Math.Sqrt(sumRe * sumRe + sumIm * sumIm);
            }
        }
        double max = magnitude.Max(m => m.Max());
        return [.. magnitude.Select(m => m.Select(v => Math.Max(20 * Math.Log10(Math.Max(v, 1e-300) / max), floorDb)).ToArray())];
    }
}
