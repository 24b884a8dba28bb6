namespace Leaf.Audio.Tests;

/// <summary>Test signals and a least-squares sine fit for measuring level, phase and leftover content.</summary>
internal static class Signals
{
    public static float[] Sine(int rate, double frequency, int length, double amplitude = 0.5) =>
        Enumerable.Range(0, length).Select(i => (float)(amplitude * Math.Sin(2 * Math.PI * frequency * i / rate))).ToArray();

    public static float[] Noise(int length, int seed, double amplitude = 0.5)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(amplitude * (2 * rng.NextDouble() - 1))).ToArray();
    }

    /// <summary>Fits y ≈ a·sin(ωi) + b·cos(ωi) over [lo, hi): amplitude √(a²+b²), the cosine part b, and the rms of what is left.</summary>
    public static (double Amplitude, double CosinePart, double ResidualRms) FitSine(float[] y, int rate, double frequency, int lo, int hi)
    {
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
        for (int i = lo; i < hi; i++)
        {
            double s = Math.Sin(2 * Math.PI * frequency * i / rate), c = Math.Cos(2 * Math.PI * frequency * i / rate);
            ss += s * s; cc += c * c; sc += s * c; ys += y[i] * s; yc += y[i] * c;
        }
        double det = ss * cc - sc * sc, a = (ys * cc - yc * sc) / det, b = (yc * ss - ys * sc) / det;
        double residual = 0;
        for (int i = lo; i < hi; i++)
        {
            double e = y[i] - a * Math.Sin(2 * Math.PI * frequency * i / rate) - b * Math.Cos(2 * Math.PI * frequency * i / rate);
            residual += e * e;
        }
        return (Math.Sqrt(a * a + b * b), b, Math.Sqrt(residual / (hi - lo)));
    }

    public static double Rms(ReadOnlySpan<float> y)
    {
        double sum = 0;
        foreach (float v in y) sum += v * (double)v;
        return Math.Sqrt(sum / y.Length);
    }

    public static double Db(double ratio) => 20 * Math.Log10(ratio);
}
