using Leaf.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Baselines;

/// <summary>
/// The mel baseline (docs/frontends.md "Baselines", reference <c>MelFilterbanks</c>): power of a TF STFT (401-sample Hann frames, hop 160,
/// 512-point FFT, frames from sample 0, ⌈T/160⌉ frames) times TF's mel matrix (60–7800 Hz), then log(x + 1e-5) — with
/// no 1e-5 floor. No learned parameters. Waveforms [batch, T] → features [batch, ⌈T/S⌉, N].
/// </summary>
public sealed class MelFilterbanks : Frontend
{
#pragma warning disable IDE1006 // field names are the module names
    private readonly TfStft stft;
    private readonly LogCompression compression = new();
    private readonly FrontendDescription description;
    private readonly ConstantTensor melWeights; // [N, bins], TF's float32 values
#pragma warning restore IDE1006

    /// <summary>Builds the mel frontend of <paramref name="description"/> (kind <see cref="FrontendKind.Mel"/>, log compression).</summary>
    /// <exception cref="ArgumentException">The description is of another kind or asks for options the mel baseline does not have.</exception>
    public MelFilterbanks(FrontendDescription description) : base(nameof(MelFilterbanks))
    {
        var d = BaselineDescriptions.Require(description, FrontendKind.Mel, CompressionKind.Log);
        this.description = d;
        stft = new TfStft(d.WindowLength, d.Stride, d.FftSize);
        float[,] mel = MelFilterbank.Weights(d.FilterCount, d.FftSize, d.SampleRate, d.MinFrequency, d.MaxFrequency);
        melWeights = new ConstantTensor(mel.Cast<float>().Select(v => (double)v).ToArray(), [mel.GetLength(0), mel.GetLength(1)]);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override int OutputChannels => description.FilterCount;

    /// <inheritdoc/>
    public override FrontendDescription ToDescription() => description;

    /// <summary>Log-mel energies [batch, ⌈T/S⌉, N] of waveforms [batch, T] or [batch, T, 1] (T ≥ 1), in the input's dtype.</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var power = stft.forward(WaveformBatch.AsBatchBySamples(input, "the mel frontend")); // [batch, bins, frames]
        var mel = melWeights.Like(power).matmul(power);                                     // [batch, N, frames]
        return compression.forward(mel).transpose(1, 2).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) melWeights.Dispose();
        base.Dispose(disposing);
    }
}
