using Leaf.Frontends.Classifiers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Classifiers;

/// <summary>
/// A small CNN encoder for CPU training: per block Conv 3×3 (same padding, no bias) → BatchNorm → ReLU → MaxPool 2×2
/// (stride 2, ceil mode, so no row or column is dropped and any input size works). Channels 16-32-64-128 by default
/// (≈ 97 k parameters): [B, 1, H, W] → [B, 128, ⌈H/16⌉, ⌈W/16⌉].
/// </summary>
public sealed class CompactCnn : nn.Module<Tensor, Tensor>, IEncoder
{
    /// <summary>The default channels of the four blocks.</summary>
    public static IReadOnlyList<int> DefaultChannels { get; } = [16, 32, 64, 128];

    private static readonly MaxPoolLayer Pool = new([2, 2], [2, 2], CeilMode: true);

#pragma warning disable IDE1006 // field names are the state-dict prefixes
    private readonly ModuleList<ConvBatchNorm> blocks;
#pragma warning restore IDE1006

    /// <summary>Builds one block per entry of <paramref name="channels"/> (default <see cref="DefaultChannels"/>).</summary>
    /// <exception cref="ArgumentException">No blocks, or a channel count is not positive.</exception>
    public CompactCnn(IReadOnlyList<int>? channels = null) : base(nameof(CompactCnn))
    {
        channels ??= DefaultChannels;
        if (channels.Count == 0) throw new ArgumentException("the compact CNN needs at least one block", nameof(channels));
        var specs = channels.Select((c, i) => new ConvSpec(i == 0 ? 1 : channels[i - 1], c, 3, Activation: Activation.Relu));
        blocks = nn.ModuleList(specs.Select(s => new ConvBatchNorm(s, BatchNormSettings.PyTorch)).ToArray());
        OutputChannels = channels[^1];
        RegisterComponents();
    }

    /// <inheritdoc/>
    public EncoderKind Kind => EncoderKind.CompactCnn;

    /// <inheritdoc/>
    public int OutputChannels { get; }

    /// <summary>Feature maps [batch, C, ⌈H/2ⁿ⌉, ⌈W/2ⁿ⌉] of images [batch, 1, H, W] after n blocks.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var block in blocks)
            x = nn.functional.max_pool2d(block.forward(x), [Pool.Kernel[0], Pool.Kernel[1]], [Pool.Stride[0], Pool.Stride[1]], ceil_mode: Pool.CeilMode);
        return x.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public IEnumerable<EncoderLayer> ToLayers() => blocks.SelectMany(b => b.ToLayers().Append(Pool));
}
