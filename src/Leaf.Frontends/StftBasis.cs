namespace Leaf.Frontends;

/// <summary>The windowed real-DFT basis of TF's STFT (docs/frontends.md "Baselines"), for computing it as a strided convolution.</summary>
public static class StftBasis
{
    /// <summary>
    /// [2·bins, L] row-major, bins = fft/2 + 1: row k is w[n]·cos(2πkn/fft), row bins + k is w[n]·sin(2πkn/fft), with w
    /// TF's Hann window of length L. Taps n ≥ fft are zero (TF crops frames longer than the FFT). The sign of the sine
    /// rows does not matter for the power.
    /// </summary>
    public static double[] Windowed(int frameLength, int fftLength)
    {
        double[] window = Windows.TfHann(frameLength);
        int bins = fftLength / 2 + 1;
        var b = new double[2 * bins * frameLength];
        for (int k = 0; k < bins; k++)
            for (int n = 0; n < Math.Min(frameLength, fftLength); n++)
            {
                double phase = 2 * Math.PI * ((long)k * n % fftLength) / fftLength; // reduce kn mod fft first: exact argument
                b[k * frameLength + n] = window[n] * Math.Cos(phase);
                b[(bins + k) * frameLength + n] = window[n] * Math.Sin(phase);
            }
        return b;
    }
}
