using Leaf.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.Frontends.Pooling;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Baselines;

/// <summary>
/// The SincNet+ baseline as coded in the reference (spec B.4, <c>SincNetPlus</c>): <see cref="SincConv"/> →
/// LeakyReLU(0.2) → LEAF's <see cref="GaussianLowpass"/> pooling (init 0.4, TF <c>SAME</c>, stride S) → max(x, 1e-5) →
/// <see cref="Pcen"/> with the options of the description, which by default are <c>PCENLayer()</c>'s class defaults:
/// frozen α 0.96, δ 2, root 2, one scalar s 0.04, floor 1e-6. Waveforms [batch, T] → features [batch, ⌈T/S⌉, N].
/// 3N trainable parameters by default (120 for N = 40).
/// </summary>
public sealed class SincNetPlus : Frontend
{
#pragma warning disable IDE1006 // field names are the state-dict names (filterbank.low, pooling.width, compression.alpha, …)
    private readonly SincConv filterbank;
    private readonly GaussianLowpass pooling;
    private readonly Pcen compression;
    private readonly FrontendDescription description;
#pragma warning restore IDE1006

    /// <summary>Builds SincNet+ from <paramref name="description"/>; missing parameters get their initial values.</summary>
    /// <exception cref="ArgumentException">The description is not a SincNet+ one with PCEN compression.</exception>
    public SincNetPlus(FrontendDescription description) : base(nameof(SincNetPlus))
    {
        var d = BaselineDescriptions.Require(description, FrontendKind.SincNetPlus, CompressionKind.Pcen);
        this.description = d;
        filterbank = new SincConv(d.Values(ParameterNames.SincLow), d.Values(ParameterNames.SincBand), d.WindowLength, d.SampleRate, d.LearnFilters);
        pooling = new GaussianLowpass(d.Values(ParameterNames.PoolingWidth), d.WindowLength, d.Stride, d.LearnPooling);
        compression = new Pcen(d.Pcen, PcenValues.From(d));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int OutputChannels => description.FilterCount;

    /// <inheritdoc/>
    public override FrontendDescription ToDescription() => BaselineDescriptions.WithValues(description,
        new (string, ParameterTensor)[]
        {
            (ParameterNames.SincLow, ParameterTensor.Vector(filterbank.Low)),
            (ParameterNames.SincBand, ParameterTensor.Vector(filterbank.Band)),
            (ParameterNames.PoolingWidth, ParameterTensor.Vector(pooling.Widths)),
        }.Concat(compression.Values().ToParameters().Select(p => (p.Key, p.Value))));

    /// <summary>Features [batch, ⌈T/S⌉, N] of waveforms [batch, T] or [batch, T, 1] (T ≥ 1).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = WaveformBatch.AsBatchBySamples(input, "SincNet+").unsqueeze(1);
        var activated = filterbank.forward(x).LeakyRelu(SincNet.LeakySlope);
        var pooled = pooling.forward(activated).AtLeast(description.EnergyFloor);
        return compression.forward(pooled).transpose(1, 2).MoveToOuterDisposeScope();
    }
}
