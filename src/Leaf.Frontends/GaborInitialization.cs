namespace Leaf.Frontends;

/// <summary>Initial Gabor centres η (rad/sample) and widths σ (samples), matched to a mel filterbank.</summary>
public static class GaborInitialization
{
    private static readonly double Sqrt2Ln2 = Math.Sqrt(2 * Math.Log(2));

    /// <summary>
    /// The reference initialisation (docs/frontends.md "Gabor filterbank"): for each band of a TF mel matrix,
    /// η = 2π·argmax/n_fft and σ = √(2 ln 2)·n_fft / (π·#bins where √w ≥ ½·max √w).
    /// Unlike the reference, <paramref name="sampleRate"/> is honoured (the reference hard-codes 16 kHz).
    /// </summary>
    public static (float[] Center, float[] Width) MelMatched(int filters, int sampleRate, double minHz, double maxHz, int fftSize)
    {
        float[,] mel = MelFilterbank.Weights(filters, fftSize, sampleRate, minHz, maxHz);
        int bins = mel.GetLength(1);
        float coeff = (float)(Sqrt2Ln2 * fftSize);
        var center = new float[filters];
        var width = new float[filters];
        for (int n = 0; n < filters; n++)
        {
            int peak = 0;
            float peakValue = float.NegativeInfinity;
            for (int b = 0; b < bins; b++)
            {
                float v = MathF.Sqrt(mel[n, b]);
                if (v > peakValue) { peakValue = v; peak = b; } // ties go to the lowest index, as argmax
            }
            int halfMaxBins = 0;
            for (int b = 0; b < bins; b++)
                if (MathF.Sqrt(mel[n, b]) >= 0.5f * peakValue) halfMaxBins++;
            // float32 arithmetic in the reference's order, which makes the result equal the reference's bit for bit:
            // η = (2·peak)·π / n_fft, and σ = coeff·(1/(π·fwhm)) (TF evaluates the division as a reciprocal product).
            center[n] = 2f * peak * MathF.PI / fftSize;
            width[n] = coeff * (1f / (MathF.PI * halfMaxBins));
        }
        return (center, width);
    }

    /// <summary>
    /// The analytic initialisation (EfficientLEAF, docs/frontends.md "Gabor filterbank"): N+2 HTK-mel-spaced points f_k from minHz to maxHz,
    /// η = 2π·f_k/sr and σ = (sr/2)/(f_{k+1} − f_{k−1}) for the N inner points.
    /// </summary>
    public static (float[] Center, float[] Width) Analytic(int filters, int sampleRate, double minHz, double maxHz)
    {
        double lo = MelFilterbank.HertzToMel((float)minHz), hi = MelFilterbank.HertzToMel((float)maxHz);
        var f = new double[filters + 2];
        for (int k = 0; k < f.Length; k++) f[k] = MelFilterbank.MelToHertz(lo + (hi - lo) * k / (filters + 1));
        var center = new float[filters];
        var width = new float[filters];
        for (int n = 0; n < filters; n++)
        {
            center[n] = (float)(2 * Math.PI * f[n + 1] / sampleRate);
            width[n] = (float)(sampleRate / 2.0 / (f[n + 2] - f[n]));
        }
        return (center, width);
    }
}
