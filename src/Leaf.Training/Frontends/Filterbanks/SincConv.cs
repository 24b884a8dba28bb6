using Leaf.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Filterbanks;

/// <summary>
/// SincNet's parametrised band-pass convolution (docs/frontends.md "Baselines", reference <c>SincConv1D</c>): per filter two learnable values
/// low and band (Hz); f_lo = 50 + |low|, f_hi = clip(f_lo + 50 + |band|, 50, sr/2), kernel = Hamming ·
/// (2f_hi·sinc(2πf_hi t) − 2f_lo·sinc(2πf_lo t)) / max over taps, as <see cref="SincKernels.ImpulseResponses"/> computes.
/// Stride 1, TF <c>SAME</c> padding, no bias: [batch, 1, T] → [batch, N, T].
/// </summary>
/// <remarks>
/// Deviation: the reference evaluates t = n/16000 s whatever the sample rate (docs/frontends.md "Baselines"); here t = n/sr, which is the
/// same at 16 kHz and correct elsewhere. Its Nyquist clip likewise uses the real sample rate.
/// </remarks>
public sealed class SincConv : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field names are the state-dict names (filterbank.low, filterbank.band)
    private readonly Parameter low, band;
    private readonly double[] tapTimes, window;
#pragma warning restore IDE1006

    /// <summary>Creates the convolution with the given initial values.</summary>
    /// <param name="low">Initial low parameters [N] in Hz.</param>
    /// <param name="band">Initial band parameters [N] in Hz.</param>
    /// <param name="windowLength">Kernel length K.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="learn">Whether low and band are trainable (<c>learn_filters</c>).</param>
    public SincConv(float[] low, float[] band, int windowLength, int sampleRate, bool learn = true) : base(nameof(SincConv))
    {
        if (low.Length < 1 || band.Length != low.Length)
            throw new ArgumentException($"sinc filters need as many low ({low.Length}) as band ({band.Length}) values, at least one", nameof(band));
        if (windowLength < 2) throw new ArgumentOutOfRangeException(nameof(windowLength), windowLength, "sinc kernels need at least 2 taps");
        SampleRate = sampleRate;
        tapTimes = Enumerable.Range(0, windowLength).Select(k => SincKernels.TapTime(k, windowLength, sampleRate)).ToArray();
        window = Windows.SincHamming(windowLength);
        this.low = new Parameter(tensor(low), requires_grad: learn);
        this.band = new Parameter(tensor(band), requires_grad: learn);
        RegisterComponents();
    }

    /// <summary>Number of filters N.</summary>
    public int Filters => (int)low.shape[0];

    /// <summary>Kernel length K.</summary>
    public int WindowLength => tapTimes.Length;

    /// <summary>Sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Current low parameters (float32).</summary>
    public float[] Low => ParameterValues.ToFloats(low);

    /// <summary>Current band parameters (float32).</summary>
    public float[] Band => ParameterValues.ToFloats(band);

    /// <summary>The kernels [N, K], differentiable in low and band.</summary>
    public Tensor Kernels()
    {
        using var scope = NewDisposeScope();
        var t = tensor(tapTimes, dtype: low.dtype, device: low.device);
        var lo = low.abs().Plus(SincKernels.MinLowHz);
        var hi = lo.Plus(SincKernels.MinBandHz).Plus(band.abs()).Clipped(SincKernels.MinLowHz, SampleRate / 2.0);
        var bandPass = LowPass(hi, t).Minus(LowPass(lo, t));
        var normalised = bandPass.DividedBy(bandPass.amax([1], keepdim: true));
        return normalised.Times(tensor(window, dtype: low.dtype, device: low.device)).MoveToOuterDisposeScope();
    }

    /// <summary>Filters waveforms [batch, 1, T] into [batch, N, T].</summary>
    /// <exception cref="ArgumentException">The input is not [batch, 1, T ≥ 1].</exception>
    public override Tensor forward(Tensor waveform)
    {
        if (waveform.dim() != 3 || waveform.shape[1] != 1 || waveform.shape[2] < 1)
            throw new ArgumentException($"the sinc convolution expects [batch, 1, samples ≥ 1], got [{string.Join(", ", waveform.shape)}]", nameof(waveform));
        using var scope = NewDisposeScope();
        return FilterbankFunctional.Correlate(waveform, Kernels()).MoveToOuterDisposeScope();
    }

    // 2f·sinc(2πft) = sin(2πft)/(πt), with its limit 2f at t = 0: [N] cut-offs × [K] times → [N, K].
    private static Tensor LowPass(Tensor cutoff, Tensor t)
    {
        var isZero = t.EqualTo(0);
        var safeT = where(isZero, ones_like(t), t);
        var ratio = cutoff.unsqueeze(1).Times(2 * Math.PI).Times(safeT).sin().DividedBy(safeT.Times(Math.PI));
        return where(isZero, cutoff.unsqueeze(1).Times(2), ratio);
    }
}
