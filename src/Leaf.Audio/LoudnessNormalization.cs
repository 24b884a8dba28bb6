using System.Numerics.Tensors;

namespace Leaf.Audio;

/// <summary>The LEAF example pipeline's loudness normalisation (docs/frontends.md "Input pipeline"), applied to the whole clip.</summary>
public static class LoudnessNormalization
{
    /// <summary>Added to the standard deviation so silence does not divide by zero (as in the reference pipeline).</summary>
    public const double Epsilon = 1e-9;

    /// <summary>gain = min(10^(max/20), 10^(target/20) / (std(x) + 1e−9)), with the population std over all samples.</summary>
    public static double Gain(ReadOnlySpan<float> samples, LoudnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        double maxGain = Math.Pow(10, options.MaxGainDb / 20), target = Math.Pow(10, options.TargetDb / 20);
        return Math.Min(maxGain, target / (StandardDeviation(samples) + Epsilon));
    }

    /// <summary>x ← gain·x in place.</summary>
    public static void Apply(Span<float> samples, LoudnessOptions options) =>
        TensorPrimitives.Multiply(samples, (float)Gain(samples, options), samples);

    /// <summary>Population standard deviation √(mean((x − mean)²)), accumulated in double; 0 for an empty span.</summary>
    public static double StandardDeviation(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty) return 0;
        double sum = 0;
        foreach (float x in samples) sum += x;
        double mean = sum / samples.Length, squares = 0;
        foreach (float x in samples) squares += (x - mean) * (x - mean);
        return Math.Sqrt(squares / samples.Length);
    }
}
