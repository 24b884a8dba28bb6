using Leaf.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.Frontends.Pooling;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Baselines;

/// <summary>
/// The SincNet baselines, as the reference builds both from one class: <see cref="SincConv"/> → LeakyReLU(0.2) → pooling →
/// max(x, 1e-5) → compression, with pooling and compression chosen by the description's kind. Waveforms [batch, T] →
/// features [batch, ⌈T/S⌉, N].
/// <list type="bullet">
/// <item><see cref="FrontendKind.SincNet"/> (docs/frontends.md "Baselines", reference <c>SincNet</c>): max pooling (window K, stride S, TF
/// <c>SAME</c>: padded positions never win), then layer normalisation over the N channels of each frame (epsilon 1e-3,
/// learnable gain and bias). 4N parameters (160 for N = 40).</item>
/// <item><see cref="FrontendKind.SincNetPlus"/> (docs/frontends.md "Baselines", reference <c>SincNetPlus</c>): LEAF's <see cref="GaussianLowpass"/>
/// pooling (init 0.4, TF <c>SAME</c>, stride S), then <see cref="Pcen"/> with the options of the description, which by
/// default are <c>PCENLayer()</c>'s class defaults: frozen α 0.96, δ 2, root 2, one scalar s 0.04, floor 1e-6. 3N
/// trainable parameters by default (120 for N = 40).</item>
/// </list>
/// </summary>
public sealed class SincNet : Frontend
{
    /// <summary>Negative slope of the LeakyReLU (Keras <c>LeakyReLU(alpha=0.2)</c>).</summary>
    public const double LeakySlope = 0.2;

    /// <summary>Epsilon of Keras' <c>LayerNormalization</c> (1e-3).</summary>
    public const double LayerNormEpsilon = 1e-3;

#pragma warning disable IDE1006 // field names are the state-dict names (filterbank.low, pooling.width, compression.weight, compression.alpha, …)
    private readonly SincConv filterbank;
    private readonly GaussianLowpass? pooling; // SincNet+ only; SincNet max-pools
    private readonly nn.Module<Tensor, Tensor> compression; // SincNet: LayerNorm over channels; SincNet+: Pcen over time
    private readonly FrontendDescription description;
#pragma warning restore IDE1006

    /// <summary>Builds SincNet or SincNet+ from <paramref name="description"/>; missing parameters get their initial values.</summary>
    /// <exception cref="ArgumentException">
    /// The description is not a SincNet one with layer-norm compression or a SincNet+ one with PCEN compression.
    /// </exception>
    public SincNet(FrontendDescription description) : base(nameof(SincNet))
    {
        bool plus = description.Kind == FrontendKind.SincNetPlus;
        var d = BaselineDescriptions.Require(description, plus ? FrontendKind.SincNetPlus : FrontendKind.SincNet, plus ? CompressionKind.Pcen : CompressionKind.LayerNorm);
        this.description = d;
        filterbank = new SincConv(d.Values(ParameterNames.SincLow), d.Values(ParameterNames.SincBand), d.WindowLength, d.SampleRate, d.LearnFilters);
        if (plus)
        {
            pooling = new GaussianLowpass(d.Values(ParameterNames.PoolingWidth), d.WindowLength, d.Stride, d.LearnPooling);
            compression = new Pcen(d.Pcen, PcenValues.From(d));
        }
        else compression = LayerNorm(d);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int OutputChannels => description.FilterCount;

    /// <inheritdoc/>
    public override FrontendDescription ToDescription()
    {
        List<(string, ParameterTensor)> values =
        [
            (ParameterNames.SincLow, ParameterTensor.Vector(filterbank.Low)),
            (ParameterNames.SincBand, ParameterTensor.Vector(filterbank.Band)),
        ];
        if (pooling is not null) values.Add((ParameterNames.PoolingWidth, ParameterTensor.Vector(pooling.Widths)));
        if (compression is Pcen pcen) values.AddRange(pcen.Values().ToParameters().Select(p => (p.Key, p.Value)));
        else
        {
            var norm = (TorchSharp.Modules.LayerNorm)compression;
            values.Add((ParameterNames.LayerNormWeight, ParameterTensor.Vector(ParameterValues.ToFloats(norm.weight!))));
            values.Add((ParameterNames.LayerNormBias, ParameterTensor.Vector(ParameterValues.ToFloats(norm.bias!))));
        }
        return BaselineDescriptions.WithValues(description, values);
    }

    /// <summary>SincNet+'s sPCEN; null for SincNet, whose layer normalisation acts on each frame alone.</summary>
    public override Compression.Pcen? Pcen => compression as Compression.Pcen;

    /// <summary>Features [batch, ⌈T/S⌉, N] of waveforms [batch, T] or [batch, T, 1] (T ≥ 1).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var pooled = Pooled(input);
        // sPCEN smooths each channel over time ([batch, N, T]); layer normalisation normalises each frame over channels ([batch, T, N]).
        var features = Pcen is null ? compression.forward(pooled.transpose(1, 2)) : compression.forward(pooled).transpose(1, 2);
        return features.MoveToOuterDisposeScope();
    }

    /// <summary>SincNet+: the floored pooled energies [batch, ⌈T/S⌉, N], before sPCEN; SincNet: its features.</summary>
    public override Tensor FrameLocal(Tensor input)
    {
        if (Pcen is null) return forward(input);
        using var scope = NewDisposeScope();
        return Pooled(input).transpose(1, 2).MoveToOuterDisposeScope();
    }

    // Sinc filters → LeakyReLU → pooling → max(x, 1e-5): [batch, N, frames].
    private Tensor Pooled(Tensor input)
    {
        var x = WaveformBatch.AsBatchBySamples(input, description.Kind == FrontendKind.SincNetPlus ? "SincNet+" : "SincNet").unsqueeze(1);
        var activated = filterbank.forward(x).LeakyRelu(LeakySlope);
        return (pooling is null ? PoolingFunctional.MaxPoolSame(activated, description.WindowLength, description.Stride) : pooling.forward(activated))
            .AtLeast(description.EnergyFloor);
    }

    // Keras' LayerNormalization over the N channels, with the description's gain and bias.
    private static TorchSharp.Modules.LayerNorm LayerNorm(FrontendDescription d)
    {
        var norm = nn.LayerNorm(d.FilterCount, LayerNormEpsilon);
        using (no_grad())
        {
            using var gain = tensor(d.Values(ParameterNames.LayerNormWeight));
            using var bias = tensor(d.Values(ParameterNames.LayerNormBias));
            norm.weight!.copy_(gain);
            norm.bias!.copy_(bias);
        }
        return norm;
    }
}
