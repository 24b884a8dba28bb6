namespace Leaf.Frontends.Classifiers;

/// <summary>Folds an inference-mode batch normalisation into the convolution before it.</summary>
public static class BatchNormFolding
{
    /// <summary>
    /// The weight and bias of the single convolution equal to conv(W, b) followed by <paramref name="norm"/>:
    /// W' = W·γ/√(var+ε) per output channel and b' = (b − mean)·γ/√(var+ε) + β, computed in double precision.
    /// </summary>
    /// <param name="weight">Convolution kernel [out, …].</param>
    /// <param name="bias">Convolution bias [out], or null for none (zero).</param>
    /// <param name="norm">The batch normalisation over the <c>out</c> channels.</param>
    /// <exception cref="ArgumentException">The statistics do not have one value per output channel or the variance is negative.</exception>
    public static (ParameterTensor Weight, ParameterTensor Bias) Fold(ParameterTensor weight, ParameterTensor? bias, BatchNormStatistics norm)
    {
        int channels = weight.Shape[0];
        if (new[] { norm.Gamma, norm.Beta, norm.Mean, norm.Variance }.Any(v => v.Length != channels) || (bias is not null && bias.Values.Length != channels))
            throw new ArgumentException($"batch norm statistics and bias need {channels} values, one per output channel", nameof(norm));
        if (norm.Variance.Any(v => !(v >= 0))) throw new ArgumentException("batch norm running variance must be ≥ 0", nameof(norm));
        int perChannel = weight.Values.Length / channels;
        var w = new float[weight.Values.Length];
        var b = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double scale = norm.Gamma[c] / Math.Sqrt(norm.Variance[c] + norm.Epsilon);
            for (int i = c * perChannel; i < (c + 1) * perChannel; i++) w[i] = (float)(weight.Values[i] * scale);
            b[c] = (float)(((bias?.Values[c] ?? 0.0) - norm.Mean[c]) * scale + norm.Beta[c]);
        }
        return (weight with { Values = w }, ParameterTensor.Vector(b));
    }
}
