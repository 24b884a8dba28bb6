namespace Leaf.Frontends;

/// <summary>A named learned parameter of a frontend: its shape and its float32 values in C order.</summary>
/// <param name="Shape">Dimensions; the product equals the number of values.</param>
/// <param name="Values">Values in row-major (C) order.</param>
public sealed record ParameterTensor(int[] Shape, float[] Values)
{
    /// <summary>A one-dimensional parameter.</summary>
    public static ParameterTensor Vector(float[] values) => new([values.Length], values);

    /// <summary>A one-dimensional parameter with every element equal to <paramref name="value"/>.</summary>
    public static ParameterTensor Filled(int length, double value) => Vector(Enumerable.Repeat((float)value, length).ToArray());

    /// <summary>Number of elements implied by <see cref="Shape"/>.</summary>
    public int ElementCount => Shape.Aggregate(1, (a, b) => a * b);

    /// <inheritdoc/>
    public bool Equals(ParameterTensor? other) =>
        other is not null && Shape.AsSpan().SequenceEqual(other.Shape) && Values.AsSpan().SequenceEqual(other.Values);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Shape.Length, Values.Length);
}

/// <summary>
/// Names of the learned parameters in a <see cref="FrontendDescription"/>. They are also the TorchSharp state-dict
/// names of the reference parameterisation, so a description and a checkpoint name the same things.
/// </summary>
public static class ParameterNames
{
    /// <summary>Pre-emphasis taps [2] in TF order: y[n] = w[0]·x[n] + w[1]·x[n+1]; initial [-0.97, 1].</summary>
    public const string PreemphasisWeight = "preemphasis.weight";
    /// <summary>Gabor centre frequencies η [N] in radians per sample.</summary>
    public const string GaborCenter = "filterbank.center";
    /// <summary>Gabor envelope standard deviations σ [N] in samples (the reference's "fwhm" parameter).</summary>
    public const string GaborWidth = "filterbank.width";
    /// <summary>Free convolution weights [2N, K] of TD-filterbanks, real and imaginary rows interleaved.</summary>
    public const string ConvWeight = "filterbank.weight";
    /// <summary>SincNet low cut-off parameters [N] in Hz (before the +50 Hz offset and abs).</summary>
    public const string SincLow = "filterbank.low";
    /// <summary>SincNet band parameters [N] in Hz.</summary>
    public const string SincBand = "filterbank.band";
    /// <summary>Gaussian low-pass widths [N] (fraction of half the window).</summary>
    public const string PoolingWidth = "pooling.width";
    /// <summary>TD-filterbanks' shared pooling window [K].</summary>
    public const string PoolingWindow = "pooling.window";
    /// <summary>sPCEN alpha [N].</summary>
    public const string PcenAlpha = "compression.alpha";
    /// <summary>sPCEN delta [N].</summary>
    public const string PcenDelta = "compression.delta";
    /// <summary>sPCEN root [N] (exponent 1/root).</summary>
    public const string PcenRoot = "compression.root";
    /// <summary>sPCEN smoothing coefficient s [N] (or [1] when not per channel).</summary>
    public const string PcenSmoothing = "compression.smoothing";
    /// <summary>Layer-norm gain [N] (SincNet).</summary>
    public const string LayerNormWeight = "compression.weight";
    /// <summary>Layer-norm bias [N] (SincNet).</summary>
    public const string LayerNormBias = "compression.bias";
    /// <summary>Instance-norm gain [N].</summary>
    public const string InstanceNormWeight = "norm.weight";
    /// <summary>Instance-norm bias [N].</summary>
    public const string InstanceNormBias = "norm.bias";
}
