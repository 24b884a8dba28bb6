using Leaf.Frontends.Classifiers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Classifiers;

/// <summary>
/// EfficientNet-B0 (Tan &amp; Le 2019) without its top, as the paper's encoder (docs/frontends.md "Classifier"): stem 3×3/2 conv (32) → 16 MBConv
/// blocks in 7 stages → 1×1 head conv (1 280), SiLU throughout, BN ε = 1e-3 and momentum 0.01 (TF's 0.99 decay),
/// squeeze-and-excitation ratio 0.25, stochastic depth rising linearly to the given rate over the blocks. One input
/// channel, random initialisation. Downsamples by 32 with symmetric "same" padding: [B, 1, H, W] → [B, 1280, ⌈H/32⌉, ⌈W/32⌉].
/// </summary>
public sealed class EfficientNetB0 : nn.Module<Tensor, Tensor>, IEncoder
{
    /// <summary>B0's stages: expansion, kernel, stride of the first block, output channels, number of blocks.</summary>
    private static readonly (int Expansion, int Kernel, int Stride, int Channels, int Repeats)[] Stages =
        [(1, 3, 1, 16, 1), (6, 3, 2, 24, 2), (6, 5, 2, 40, 2), (6, 3, 2, 80, 3), (6, 5, 1, 112, 3), (6, 5, 2, 192, 4), (6, 3, 1, 320, 1)];

    private const int StemChannels = 32;
    private const int HeadChannels = 1280;
    private const double SqueezeRatio = 0.25;

#pragma warning disable IDE1006 // field names are the state-dict prefixes
    private readonly ConvBatchNorm stem;
    private readonly ModuleList<MBConv> blocks;
    private readonly ConvBatchNorm head;
#pragma warning restore IDE1006

    /// <summary>Builds B0 with stochastic depth up to <paramref name="stochasticDepth"/> (0.2 in EfficientNet).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside [0, 1).</exception>
    public EfficientNetB0(double stochasticDepth = 0.2) : base(nameof(EfficientNetB0))
    {
        if (!(stochasticDepth is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(stochasticDepth), stochasticDepth, "stochastic depth rate must be in [0, 1)");
        var norm = BatchNormSettings.EfficientNet;
        stem = new ConvBatchNorm(new ConvSpec(1, StemChannels, 3, 2, Activation: Activation.Silu), norm);
        blocks = nn.ModuleList(BlockSpecs(stochasticDepth).Select(s => new MBConv(s, norm)).ToArray());
        head = new ConvBatchNorm(new ConvSpec(Stages[^1].Channels, HeadChannels, 1, Activation: Activation.Silu), norm);
        RegisterComponents();
    }

    /// <summary>The 16 blocks' sizes; block i of n drops its branch at rate·i/n (EfficientNet's schedule).</summary>
    public static IReadOnlyList<MBConvSpec> BlockSpecs(double stochasticDepth)
    {
        int total = Stages.Sum(s => s.Repeats);
        var specs = new List<MBConvSpec>(total);
        int channels = StemChannels;
        foreach (var (expansion, kernel, stride, outChannels, repeats) in Stages)
        {
            for (int r = 0; r < repeats; r++)
            {
                specs.Add(new MBConvSpec(channels, outChannels, expansion, kernel, r == 0 ? stride : 1, SqueezeRatio, stochasticDepth * specs.Count / total));
                channels = outChannels;
            }
        }
        return specs;
    }

    /// <inheritdoc/>
    public EncoderKind Kind => EncoderKind.EfficientNetB0;

    /// <inheritdoc/>
    public int OutputChannels => HeadChannels;

    /// <summary>Feature maps [batch, 1280, ⌈H/32⌉, ⌈W/32⌉] of images [batch, 1, H, W].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = stem.forward(input);
        foreach (var block in blocks) x = block.forward(x);
        return head.forward(x).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public IEnumerable<EncoderLayer> ToLayers() =>
        new IEncoderPart[] { stem }.Concat(blocks).Append(head).SelectMany(p => p.ToLayers());
}
