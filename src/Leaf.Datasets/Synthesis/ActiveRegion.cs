namespace Leaf.Datasets.Synthesis;

/// <summary>The part of a clip between its first and last sample louder than a fraction of its peak (silence trimmed from both ends).</summary>
public static class ActiveRegion
{
    /// <summary>Start and length of the active region; (0, 0) for a silent clip.</summary>
    /// <param name="samples">The clip.</param>
    /// <param name="relativeThreshold">Fraction of the peak |x| above which a sample is active (e.g. 0.02 ≈ −34 dB).</param>
    public static (int Start, int Length) Find(ReadOnlySpan<float> samples, double relativeThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(relativeThreshold);
        float peak = 0;
        foreach (float x in samples) peak = Math.Max(peak, Math.Abs(x));
        if (peak == 0) return (0, 0);
        double threshold = relativeThreshold * peak;
        int first = 0, last = samples.Length - 1;
        while (Math.Abs(samples[first]) < threshold) first++;
        while (Math.Abs(samples[last]) < threshold) last--;
        return (first, last - first + 1);
    }

    /// <summary>Mean square of the samples; 0 when empty.</summary>
    public static double Power(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (float x in samples) sum += (double)x * x;
        return samples.IsEmpty ? 0 : sum / samples.Length;
    }
}
