namespace Leaf.Frontends;

/// <summary>
/// TD-filterbanks' initial weights (docs/frontends.md "Baselines" and "Gabor filterbank"; reference <c>GaborInit</c> in 3-D mode and
/// <c>LowpassInit(SQUARED_HANNING)</c>).
/// </summary>
public static class TdFilterbankInitialization
{
    /// <summary>
    /// <see cref="ParameterNames.ConvWeight"/> [2N, K]: the mel-matched Gabor kernels of <see cref="ScaledGaborKernels"/>;
    /// <see cref="ParameterNames.PoolingWindow"/> [K]: the reference's squared Hann (<see cref="Windows.SquaredHannReference"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, ParameterTensor> Parameters(FrontendDescription d)
    {
        int k = d.WindowLength;
        return new Dictionary<string, ParameterTensor>(StringComparer.Ordinal)
        {
            [ParameterNames.ConvWeight] = new([2 * d.FilterCount, k], ScaledGaborKernels(d.FilterCount, d.SampleRate, d.MinFrequency, d.MaxFrequency, d.FftSize, k)),
            [ParameterNames.PoolingWindow] = ParameterTensor.Vector(Array.ConvertAll(Windows.SquaredHannReference(k), v => (float)v)),
        };
    }

    /// <summary>
    /// Per-filter "area" of a TF mel triangle w_n: peak_n·(#bins with w_n &gt; 0 + 2)·π/n_fft (reference
    /// <c>Gabor._mel_filters_areas</c> on the un-normalised matrix, i.e. <c>normalize_energy=False</c>).
    /// </summary>
    public static double[] MelAreas(int filters, int sampleRate, double minHz, double maxHz, int fftSize)
    {
        float[,] mel = MelFilterbank.Weights(filters, fftSize, sampleRate, minHz, maxHz);
        var area = new double[filters];
        for (int n = 0; n < filters; n++)
        {
            float peak = 0f;
            int nonzero = 0;
            for (int b = 0; b < mel.GetLength(1); b++)
            {
                peak = MathF.Max(peak, mel[n, b]);
                if (mel[n, b] > 0) nonzero++;
            }
            area[n] = peak * (nonzero + 2) * Math.PI / fftSize;
        }
        return area;
    }

    /// <summary>
    /// Interleaved rows [2N, K] (row 2n = Re φ_n, row 2n+1 = Im φ_n) of the mel-matched Gabor kernels
    /// (<see cref="GaborInitialization.MelMatched"/>, <see cref="GaborKernels.ImpulseResponses"/>), each scaled by
    /// √(area_n·2√π·σ_n) with area_n from <see cref="MelAreas"/>.
    /// </summary>
    public static float[] ScaledGaborKernels(int filters, int sampleRate, double minHz, double maxHz, int fftSize, int windowLength)
    {
        var (center, width) = GaborInitialization.MelMatched(filters, sampleRate, minHz, maxHz, fftSize);
        var (re, im) = GaborKernels.ImpulseResponses(center, width, windowLength);
        double[] area = MelAreas(filters, sampleRate, minHz, maxHz, fftSize);
        int k = windowLength;
        var w = new float[2 * filters * k];
        for (int n = 0; n < filters; n++)
        {
            float scale = (float)Math.Sqrt(area[n] * 2 * Math.Sqrt(Math.PI) * width[n]);
            for (int i = 0; i < k; i++)
            {
                w[2 * n * k + i] = scale * re[n * k + i];
                w[(2 * n + 1) * k + i] = scale * im[n * k + i];
            }
        }
        return w;
    }
}
