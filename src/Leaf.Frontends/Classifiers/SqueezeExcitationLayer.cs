namespace Leaf.Frontends.Classifiers;

/// <summary>
/// Squeeze-and-excitation (Hu et al. 2018, as in EfficientNet's MBConv): x · Expand(Reduce(mean over height and width of x)),
/// where <paramref name="Reduce"/> and <paramref name="Expand"/> are 1×1 convolutions (SiLU, then sigmoid) on [batch, C, 1, 1].
/// </summary>
/// <param name="Reduce">1×1 convolution C → C' with its activation.</param>
/// <param name="Expand">1×1 convolution C' → C with its activation (the gate).</param>
public sealed record SqueezeExcitationLayer(ConvLayer Reduce, ConvLayer Expand) : EncoderLayer
{
    /// <inheritdoc/>
    public override int OutputChannels(int inputChannels, string source)
    {
        Require(Reduce is not null && Expand is not null, source, "needs both a reduce and an expand convolution");
        foreach (var conv in new[] { Reduce, Expand })
            Require(conv.Weight?.Shape is [_, _, 1, 1] && conv.Groups == 1, source, "reduce and expand must be ungrouped 1×1 convolutions");
        int gate = Expand.OutputChannels(Reduce.OutputChannels(inputChannels, $"{source} reduce"), $"{source} expand");
        Require(gate == inputChannels, source, $"the gate has {gate} channels, the input {inputChannels}");
        return inputChannels;
    }
}
