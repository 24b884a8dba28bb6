using Leaf.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.Frontends.Pooling;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>
/// The LEAF frontend (docs/frontends.md "Defaults and frame arithmetic"): [optional pre-emphasis] → Gabor filterbank → squared modulus → Gaussian low-pass pooling
/// → max(·, floor) → sPCEN or log(· + 1e-5) → [optional instance norm]. Maps waveforms
/// [batch, samples] (float32, any length ≥ 1) to features [batch, ⌈T/S⌉, N].
/// </summary>
/// <remarks>
/// Submodule and parameter names equal <see cref="ParameterNames"/> (<c>filterbank.center</c>, <c>pooling.width</c>,
/// <c>compression.alpha</c>, …), so the state dict and the description name the same values. Window and stride come from the
/// description's sample rate; missing parameters get the paper's initialisation re-targeted to that sample rate.
/// </remarks>
public sealed class LeafFrontend : Frontend, IConstrained
{
    // Field names are the state-dict prefixes.
    private readonly PreEmphasis? preemphasis;
    private readonly GaborFilterbank filterbank;
    private readonly GaussianLowpass pooling;
    private readonly nn.Module<Tensor, Tensor> compression;
    private readonly InstanceNorm? norm;
    private readonly FrontendDescription description;
    private readonly FastLeafEnergies? fast;

    /// <summary>Builds LEAF from a description of kind <see cref="FrontendKind.Leaf"/>.</summary>
    /// <param name="description">Hyper-parameters and (optionally) learned values.</param>
    /// <param name="algorithm">
    /// How the pooled energies are computed: <see cref="LeafAlgorithm.Exact"/> (the default: the published model's
    /// convolutions) or <see cref="LeafAlgorithm.Fast"/> (blocked DFTs and per-filter bands; same values and gradients
    /// within 1e-4, several times faster; needs the geometry of <see cref="FastLeafPlan.BlockFrames"/>).
    /// </param>
    /// <exception cref="ArgumentException">The description is not LEAF's or uses a compression LEAF does not have.</exception>
    /// <exception cref="FormatException">The description is invalid.</exception>
    /// <exception cref="NotSupportedException">The fast algorithm cannot handle the description's window and stride.</exception>
    public LeafFrontend(FrontendDescription description, LeafAlgorithm algorithm = LeafAlgorithm.Exact)
        : base(nameof(LeafFrontend))
    {
        if (description.Kind != FrontendKind.Leaf)
            throw new ArgumentException($"LeafFrontend needs a 'leaf' description, got '{description.Kind.ToName()}'", nameof(description));
        if (description.Compression is not (CompressionKind.Pcen or CompressionKind.Log))
            throw new ArgumentException($"LEAF compresses with Pcen or Log, not {description.Compression}", nameof(description));
        description.Validate();
        var d = description.WithInitialParameters();
        this.description = d;
        int k = d.WindowLength;
        if (d.PreEmphasis) preemphasis = new PreEmphasis(d.Values(ParameterNames.PreemphasisWeight), d.LearnFilters);
        filterbank = new GaborFilterbank(d.Values(ParameterNames.GaborCenter), d.Values(ParameterNames.GaborWidth), k, d.LearnFilters);
        pooling = new GaussianLowpass(d.Values(ParameterNames.PoolingWidth), k, d.Stride, d.LearnPooling);
        compression = d.Compression == CompressionKind.Pcen ? new Pcen(d.Pcen, PcenValues.From(d)) : new LogCompression();
        if (d.InstanceNorm) norm = new InstanceNorm(d.Values(ParameterNames.InstanceNormWeight), d.Values(ParameterNames.InstanceNormBias));
        if (algorithm == LeafAlgorithm.Fast) fast = new FastLeafEnergies(k, d.Stride);
        Algorithm = algorithm;
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int OutputChannels => description.FilterCount;

    /// <summary>How the pooled energies are computed.</summary>
    public override LeafAlgorithm Algorithm { get; }

    /// <summary>Gabor filterbank (η, σ).</summary>
    public GaborFilterbank Filterbank => filterbank;

    /// <summary>Gaussian low-pass pooling.</summary>
    public GaussianLowpass Pooling => pooling;

    /// <summary>The sPCEN layer, or null with log compression.</summary>
    public override Pcen? Pcen => compression as Pcen;

    /// <summary>The instance normalisation, when the description asks for it.</summary>
    public override InstanceNorm? InstanceNorm => norm;

    /// <summary>Pooled energies [batch, N, frames] before the floor (the golden vectors' <c>pooled</c> arrays).</summary>
    /// <exception cref="ArgumentException">The input is not [batch, samples ≥ 1].</exception>
    public Tensor PooledEnergies(Tensor waveform)
    {
        if (waveform.dim() != 2 || waveform.shape[1] < 1)
            throw new ArgumentException($"LEAF expects a waveform [batch, samples ≥ 1], got [{string.Join(", ", waveform.shape)}]", nameof(waveform));
        using var scope = NewDisposeScope();
        var x = preemphasis is null ? waveform : preemphasis.forward(waveform);
        // Both algorithms compute from the same impulse responses and windows.
        var (re, im) = filterbank.ImpulseResponses();
        var windows = pooling.Windows();
        if (fast is not null) return fast.PooledEnergies(x, re, im, windows).MoveToOuterDisposeScope();
        var filtered = FilterbankFunctional.Correlate(x.unsqueeze(1), FilterbankFunctional.InterleavedKernels(re, im));
        return PoolingFunctional.DepthwisePool(FilterbankFunctional.SquaredModulus(filtered), windows, pooling.Stride).MoveToOuterDisposeScope();
    }

    /// <summary>Features [batch, frames, N] of waveforms [batch, samples].</summary>
    /// <exception cref="ArgumentException">The input is not [batch, samples ≥ 1].</exception>
    public override Tensor forward(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        var y = FrameLocalByChannel(waveform);
        if (Pcen is { } pcen) y = pcen.forward(y);
        if (norm is not null) y = norm.forward(y);
        return y.transpose(1, 2).MoveToOuterDisposeScope();
    }

    /// <summary>The floored pooled energies [batch, frames, N] with sPCEN, the log features with log compression (before any instance norm).</summary>
    /// <exception cref="ArgumentException">The input is not [batch, samples ≥ 1].</exception>
    public override Tensor FrameLocal(Tensor waveform)
    {
        using var scope = NewDisposeScope();
        return FrameLocalByChannel(waveform).transpose(1, 2).MoveToOuterDisposeScope();
    }

    // [batch, N, frames]: max(x, 1e-5) (docs/frontends.md "Floor"), then the log compression, which acts on each value alone.
    private Tensor FrameLocalByChannel(Tensor waveform)
    {
        var floored = PooledEnergies(waveform).AtLeast(description.EnergyFloor);
        return Pcen is null ? compression.forward(floored) : floored;
    }

    /// <inheritdoc/>
    public override FrontendDescription ToDescription()
    {
        var p = new SortedDictionary<string, ParameterTensor>(StringComparer.Ordinal);
        if (preemphasis is not null) p[ParameterNames.PreemphasisWeight] = ParameterTensor.Vector(preemphasis.Taps);
        p[ParameterNames.GaborCenter] = ParameterTensor.Vector(filterbank.Centers);
        p[ParameterNames.GaborWidth] = ParameterTensor.Vector(filterbank.Widths);
        p[ParameterNames.PoolingWidth] = ParameterTensor.Vector(pooling.Widths);
        if (compression is Pcen pcen) foreach (var (name, value) in pcen.Values().ToParameters()) p[name] = value;
        if (norm is not null)
        {
            p[ParameterNames.InstanceNormWeight] = ParameterTensor.Vector(norm.Gains);
            p[ParameterNames.InstanceNormBias] = ParameterTensor.Vector(norm.Biases);
        }
        return description with { Parameters = p };
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) fast?.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>Projects the Gabor parameters back into their bounds; call after every optimiser step.</summary>
    public void ApplyConstraints() => filterbank.ApplyConstraints();
}
