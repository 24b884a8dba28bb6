using Leaf.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.Frontends.Pooling;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Baselines;

/// <summary>
/// Time-domain filterbanks (Zeghidour et al. 2018; docs/frontends.md "Baselines", reference <c>TimeDomainFilterbanks</c>): a free
/// convolution of 2N real filters (K taps, stride 1, TF <c>SAME</c>, no bias; initialised as mel-matched Gabor kernels,
/// re/im interleaved) → squared modulus → one learnable window shared by all channels (initialised to the reference's
/// squared Hann, VALID padding, stride S) → max(x, 1e-5) → log(x + 1e-5).
/// Waveforms [batch, T ≥ K] → features [batch, ⌊(T − K)/S⌋ + 1, N] (98 frames for T = 16000). 2N·K + K parameters.
/// </summary>
/// <remarks>
/// Inputs shorter than the window are rejected: the reference's VALID pooling would give zero frames.
/// </remarks>
public sealed class TdFilterbanks : Frontend
{
#pragma warning disable IDE1006 // field names are the state-dict names (filterbank.weight, pooling.window)
    private readonly ConvFilterbank filterbank;
    private readonly SquaredModulus modulus = new();
    private readonly LearnablePooling pooling;
    private readonly LogCompression compression = new();
    private readonly FrontendDescription description;
#pragma warning restore IDE1006

    /// <summary>Builds TD-filterbanks from <paramref name="description"/>; missing parameters get their initial values.</summary>
    /// <exception cref="ArgumentException">The description is not a TD-filterbanks one with log compression.</exception>
    public TdFilterbanks(FrontendDescription description) : base(nameof(TdFilterbanks))
    {
        var d = BaselineDescriptions.Require(description, FrontendKind.TdFilterbanks, CompressionKind.Log);
        this.description = d;
        filterbank = new ConvFilterbank(d.Parameters[ParameterNames.ConvWeight], d.LearnFilters);
        pooling = new LearnablePooling(d.Values(ParameterNames.PoolingWindow), d.Stride, d.LearnPooling);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int OutputChannels => description.FilterCount;

    /// <summary>Smallest accepted input length: the window length K.</summary>
    public override int MinimumSamples => description.WindowLength;

    /// <inheritdoc/>
    public override FrontendDescription ToDescription() => BaselineDescriptions.WithValues(description,
    [
        (ParameterNames.ConvWeight, filterbank.Weights),
        (ParameterNames.PoolingWindow, ParameterTensor.Vector(pooling.Window)),
    ]);

    /// <summary>Features [batch, ⌊(T − K)/S⌋ + 1, N] of waveforms [batch, T] or [batch, T, 1].</summary>
    /// <exception cref="ArgumentException">The input is shorter than the window length K.</exception>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = WaveformBatch.AsBatchBySamples(input, "TD-filterbanks (VALID pooling)", MinimumSamples).unsqueeze(1);
        var pooled = pooling.forward(modulus.forward(filterbank.forward(x)));
        return compression.forward(pooled.AtLeast(description.EnergyFloor)).transpose(1, 2).MoveToOuterDisposeScope();
    }
}
