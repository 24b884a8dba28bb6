using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>Input handling shared by the frontends: the reference accepts waveforms [batch, T] or [batch, T, 1].</summary>
public static class WaveformBatch
{
    /// <summary>
    /// <paramref name="input"/> as [batch, T]: a trailing single channel is dropped (a view, not a copy).
    /// </summary>
    /// <param name="input">Waveforms [batch, T] or [batch, T, 1].</param>
    /// <param name="frontend">Name used in error messages.</param>
    /// <param name="minimumSamples">Smallest accepted T (1, or the window length for VALID pooling).</param>
    /// <exception cref="ArgumentException">Wrong rank, more than one channel, or fewer than <paramref name="minimumSamples"/> samples.</exception>
    public static Tensor AsBatchBySamples(Tensor input, string frontend, int minimumSamples = 1)
    {
        bool shapeOk = input.dim() == 2 || (input.dim() == 3 && input.shape[2] == 1);
        if (!shapeOk)
            throw new ArgumentException($"{frontend} expects waveforms [batch, samples] or [batch, samples, 1], got [{string.Join(", ", input.shape)}]", nameof(input));
        if (input.shape[1] < minimumSamples)
            throw new ArgumentException($"{frontend} needs at least {minimumSamples} sample(s) per waveform, got {input.shape[1]}", nameof(input));
        return input.dim() == 3 ? input.squeeze(2) : input.alias();
    }
}
