namespace Leaf.Frontends.Classifiers;

/// <summary>
/// Per-example standardisation of the encoder's input: y = (x − mean) / √(var + <paramref name="Epsilon"/>), the mean and the
/// biased variance taken over all channels, frames and frequency channels of each example. It removes the overall level and
/// spread of a clip's features (which change with the recording chain) while keeping their shape over time and frequency,
/// as the per-example standardised log-mel input of common audio CNNs does. Has no parameters.
/// </summary>
/// <param name="Epsilon">Added to the variance so that a constant input gives zeros, not a division by zero.</param>
public sealed record StandardizeLayer(double Epsilon) : EncoderLayer
{
    /// <summary>The epsilon training uses (1e-5).</summary>
    public const double DefaultEpsilon = 1e-5;

    /// <inheritdoc/>
    public override int OutputChannels(int inputChannels, string source)
    {
        Require(double.IsFinite(Epsilon) && Epsilon > 0, source, $"epsilon {Epsilon} must be a positive number");
        return inputChannels;
    }
}
