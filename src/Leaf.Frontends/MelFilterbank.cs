namespace Leaf.Frontends;

/// <summary>
/// The triangular mel weight matrix of TensorFlow's <c>tf.signal.linear_to_mel_weight_matrix</c> (docs/frontends.md "Gabor filterbank"):
/// HTK mel scale, triangles linear in mel, DC bin forced to zero, computed in float32 as TF does.
/// </summary>
public static class MelFilterbank
{
    /// <summary>HTK mel: m(f) = 1127·ln(1 + f/700).</summary>
    public static float HertzToMel(float hz) => 1127.0f * MathF.Log(1.0f + hz / 700.0f);

    /// <summary>Inverse of <see cref="HertzToMel"/>.</summary>
    public static double MelToHertz(double mel) => 700.0 * (Math.Exp(mel / 1127.0) - 1.0);

    /// <summary>
    /// Weights [bands, fftSize/2+1] (band-major, the transpose of TF's layout).
    /// </summary>
    /// <param name="bands">Number of mel bands N.</param>
    /// <param name="fftSize">FFT size; the matrix has fftSize/2+1 columns.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="minHz">Lower edge of the first triangle.</param>
    /// <param name="maxHz">Upper edge of the last triangle.</param>
    public static float[,] Weights(int bands, int fftSize, int sampleRate, double minHz, double maxHz)
    {
        if (bands < 1) throw new ArgumentOutOfRangeException(nameof(bands), "at least one mel band is needed");
        if (!(minHz >= 0 && maxHz > minHz && maxHz <= sampleRate / 2.0))
            throw new ArgumentOutOfRangeException(nameof(maxHz), $"mel range {minHz}..{maxHz} Hz must satisfy 0 <= min < max <= {sampleRate / 2.0}");
        int bins = fftSize / 2 + 1;
        float nyquist = sampleRate / 2.0f;
        var edges = Linspace(HertzToMel((float)minHz), HertzToMel((float)maxHz), bands + 2);
        var binFreqs = Linspace(0f, nyquist, bins);
        var w = new float[bands, bins];
        for (int b = 1; b < bins; b++) // bin 0 (DC) stays zero
        {
            float m = HertzToMel(binFreqs[b]);
            for (int n = 0; n < bands; n++)
            {
                float lower = (m - edges[n]) / (edges[n + 1] - edges[n]);
                float upper = (edges[n + 2] - m) / (edges[n + 2] - edges[n + 1]);
                w[n, b] = MathF.Max(0f, MathF.Min(lower, upper));
            }
        }
        return w;
    }

    // tf.linspace in float32: start + i·(stop − start)/(n − 1), last element exactly stop.
    private static float[] Linspace(float start, float stop, int count)
    {
        var r = new float[count];
        float step = count > 1 ? (stop - start) / (count - 1) : 0f;
        for (int i = 0; i < count; i++) r[i] = start + i * step;
        if (count > 1) r[^1] = stop;
        return r;
    }
}
