namespace Leaf.Frontends.Classifiers;

/// <summary>Max pooling over height and width without padding; with <paramref name="CeilMode"/> a partial window at the end still yields an output.</summary>
/// <param name="Kernel">Window [height, width].</param>
/// <param name="Stride">Strides [height, width].</param>
/// <param name="CeilMode">Output size ⌈(L − k)/s⌉ + 1 instead of ⌊(L − k)/s⌋ + 1 (every input row and column is covered).</param>
public sealed record MaxPoolLayer(int[] Kernel, int[] Stride, bool CeilMode) : EncoderLayer
{
    /// <inheritdoc/>
    public override int OutputChannels(int inputChannels, string source)
    {
        Require(Kernel is { Length: 2 } && Kernel.All(k => k >= 1), source, "kernel must be [height ≥ 1, width ≥ 1]");
        Require(Stride is { Length: 2 } && Stride.All(s => s >= 1), source, "stride must be [height ≥ 1, width ≥ 1]");
        return inputChannels;
    }
}
