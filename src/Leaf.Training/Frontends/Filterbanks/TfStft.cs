using Leaf.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Filterbanks;

/// <summary>
/// The power spectrogram |STFT|² of <c>tf.signal.stft(frame_length, frame_step, fft_length, pad_end=True)</c> with its
/// default Hann window (docs/frontends.md "Baselines"): frame i covers samples [i·S, i·S + L), the signal is zero-padded at the end so that
/// there are ⌈T/S⌉ frames, each windowed frame is zero-padded (or cropped) to the FFT size, and the rfft's
/// fft/2 + 1 bins are squared. Computed exactly as a strided convolution with a windowed DFT basis.
/// </summary>
public sealed class TfStft : nn.Module<Tensor, Tensor>
{
    private readonly ConstantTensor basis; // [2·bins, 1, L]: rows 0…bins−1 are w·cos, the rest w·sin

    /// <summary>Creates the transform.</summary>
    /// <param name="frameLength">Frame (and window) length L in samples (401 at 16 kHz).</param>
    /// <param name="frameStep">Hop S in samples (160 at 16 kHz).</param>
    /// <param name="fftLength">FFT size (512); frames longer than it are cropped, as TF's rfft does.</param>
    public TfStft(int frameLength, int frameStep, int fftLength) : base(nameof(TfStft))
    {
        if (frameLength < 1) throw new ArgumentOutOfRangeException(nameof(frameLength), frameLength, "STFT frame length must be at least 1");
        if (frameStep < 1) throw new ArgumentOutOfRangeException(nameof(frameStep), frameStep, "STFT frame step must be at least 1");
        if (fftLength < 1) throw new ArgumentOutOfRangeException(nameof(fftLength), fftLength, "FFT length must be at least 1");
        FrameLength = frameLength;
        FrameStep = frameStep;
        Bins = fftLength / 2 + 1;
        basis = new ConstantTensor(StftBasis.Windowed(frameLength, fftLength), [2L * Bins, 1, frameLength]);
    }

    /// <summary>Frame length L.</summary>
    public int FrameLength { get; }

    /// <summary>Hop S.</summary>
    public int FrameStep { get; }

    /// <summary>Number of frequency bins, fft/2 + 1.</summary>
    public int Bins { get; }

    /// <summary>Number of frames TF produces with <c>pad_end=True</c>: ⌈T/S⌉.</summary>
    public int FrameCount(int samples) => FrameMath.SameOutputLength(samples, FrameStep);

    /// <summary>Power spectrogram of waveforms [batch, T] (T ≥ 1) as [batch, bins, ⌈T/S⌉], in the input's dtype.</summary>
    /// <exception cref="ArgumentException">The input is not [batch, T ≥ 1].</exception>
    public override Tensor forward(Tensor waveform)
    {
        if (waveform.dim() != 2 || waveform.shape[1] < 1)
            throw new ArgumentException($"STFT expects [batch, samples ≥ 1], got [{string.Join(", ", waveform.shape)}]", nameof(waveform));
        using var scope = NewDisposeScope();
        int samples = (int)waveform.shape[1];
        int padded = (FrameCount(samples) - 1) * FrameStep + FrameLength; // tf.signal.frame(pad_end=True)
        var x = nn.functional.pad(waveform.unsqueeze(1), [0, Math.Max(padded - samples, 0)]);
        var spectrum = nn.functional.conv1d(x, basis.Like(x), stride: FrameStep); // [batch, 2·bins, ⌈T/S⌉]
        var parts = spectrum.view(spectrum.shape[0], 2, Bins, spectrum.shape[2]);
        return parts.Squared().sum(1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) basis.Dispose();
        base.Dispose(disposing);
    }
}
