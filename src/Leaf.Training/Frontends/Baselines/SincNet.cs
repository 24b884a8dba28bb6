using Leaf.Frontends;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Baselines;

/// <summary>
/// The SincNet baseline (spec B.3, reference <c>SincNet</c>): <see cref="SincConv"/> → LeakyReLU(0.2) → max pooling
/// (window K, stride S, TF <c>SAME</c>: padded positions never win) → max(x, 1e-5) → layer normalisation over the N
/// channels of each frame (epsilon 1e-3, learnable gain and bias). Waveforms [batch, T] → features [batch, ⌈T/S⌉, N].
/// 4N parameters (160 for N = 40).
/// </summary>
public sealed class SincNet : Frontend
{
    /// <summary>Negative slope of the LeakyReLU (Keras <c>LeakyReLU(alpha=0.2)</c>).</summary>
    public const double LeakySlope = 0.2;

    /// <summary>Epsilon of Keras' <c>LayerNormalization</c> (1e-3).</summary>
    public const double LayerNormEpsilon = 1e-3;

#pragma warning disable IDE1006 // field names are the state-dict names (filterbank.low, compression.weight, …)
    private readonly SincConv filterbank;
    private readonly TorchSharp.Modules.LayerNorm compression;
    private readonly FrontendDescription description;
#pragma warning restore IDE1006

    /// <summary>Builds SincNet from <paramref name="description"/>; missing parameters get their initial values.</summary>
    /// <exception cref="ArgumentException">The description is not a SincNet one with layer-norm compression.</exception>
    public SincNet(FrontendDescription description) : base(nameof(SincNet))
    {
        var d = BaselineDescriptions.Require(description, FrontendKind.SincNet, CompressionKind.LayerNorm);
        this.description = d;
        filterbank = new SincConv(d.Values(ParameterNames.SincLow), d.Values(ParameterNames.SincBand), d.WindowLength, d.SampleRate, d.LearnFilters);
        compression = nn.LayerNorm(d.FilterCount, LayerNormEpsilon);
        using (no_grad())
        {
            using var gain = tensor(d.Values(ParameterNames.LayerNormWeight));
            using var bias = tensor(d.Values(ParameterNames.LayerNormBias));
            compression.weight!.copy_(gain);
            compression.bias!.copy_(bias);
        }
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int OutputChannels => description.FilterCount;

    /// <inheritdoc/>
    public override FrontendDescription ToDescription() => BaselineDescriptions.WithValues(description,
    [
        (ParameterNames.SincLow, ParameterTensor.Vector(filterbank.Low)),
        (ParameterNames.SincBand, ParameterTensor.Vector(filterbank.Band)),
        (ParameterNames.LayerNormWeight, ParameterTensor.Vector(ParameterValues.ToFloats(compression.weight!))),
        (ParameterNames.LayerNormBias, ParameterTensor.Vector(ParameterValues.ToFloats(compression.bias!))),
    ]);

    /// <summary>Features [batch, ⌈T/S⌉, N] of waveforms [batch, T] or [batch, T, 1] (T ≥ 1).</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = WaveformBatch.AsBatchBySamples(input, "SincNet").unsqueeze(1);
        var activated = filterbank.forward(x).LeakyRelu(LeakySlope);
        var pooled = MaxPoolSame(activated, description.WindowLength, description.Stride).AtLeast(description.EnergyFloor);
        return compression.forward(pooled.transpose(1, 2)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// TF <c>SAME</c> max pooling of [batch, N, T] to [batch, N, ⌈T/S⌉]: the padding of <see cref="FrameMath.SamePadding"/>
    /// is −∞, so only real samples can be the maximum.
    /// </summary>
    public static Tensor MaxPoolSame(Tensor x, int kernel, int stride)
    {
        using var scope = NewDisposeScope();
        var (left, right) = FrameMath.SamePadding((int)x.shape[^1], kernel, stride);
        var padded = nn.functional.pad(x, [left, right], value: double.NegativeInfinity);
        return nn.functional.max_pool1d(padded, kernel, stride).MoveToOuterDisposeScope();
    }
}
