namespace Leaf.Training.Classifiers;

/// <summary>One mobile inverted bottleneck block (EfficientNet, Tan &amp; Le 2019).</summary>
/// <param name="InChannels">Input channels.</param>
/// <param name="OutChannels">Output channels.</param>
/// <param name="Expansion">Expansion ratio of the 1×1 convolution (1 = no expansion convolution).</param>
/// <param name="Kernel">Depthwise kernel size (3 or 5 in B0).</param>
/// <param name="Stride">Depthwise stride.</param>
/// <param name="SqueezeRatio">Squeeze-and-excitation bottleneck as a fraction of the block's input channels (0.25).</param>
/// <param name="DropRate">Stochastic-depth rate of the residual branch.</param>
public sealed record MBConvSpec(int InChannels, int OutChannels, int Expansion, int Kernel, int Stride, double SqueezeRatio, double DropRate)
{
    /// <summary>Channels after the expansion.</summary>
    public int ExpandedChannels => InChannels * Expansion;

    /// <summary>Channels of the squeeze-and-excitation bottleneck: max(1, ⌊in·ratio⌋).</summary>
    public int SqueezedChannels => Math.Max(1, (int)(InChannels * SqueezeRatio));

    /// <summary>Whether the block has an identity shortcut (stride 1 and as many output as input channels).</summary>
    public bool HasResidual => Stride == 1 && InChannels == OutChannels;
}
