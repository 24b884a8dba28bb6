namespace Leaf.Frontends.Classifiers;

/// <summary>A residual connection: x + Layers(x); the inner layers keep the channel count and the spatial size.</summary>
/// <param name="Layers">The branch, applied in order.</param>
public sealed record ResidualLayer(EncoderLayer[] Layers) : EncoderLayer
{
    /// <inheritdoc/>
    public override int OutputChannels(int inputChannels, string source)
    {
        Require(Layers is { Length: > 0 }, source, "a residual branch needs at least one layer");
        int channels = OutputChannels(Layers, inputChannels, source);
        Require(channels == inputChannels, source, $"the branch outputs {channels} channels, the input has {inputChannels}");
        return inputChannels;
    }
}
