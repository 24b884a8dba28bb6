using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>
/// SpecAugment frequency and time masking of features [batch, N, T], drawn independently per example from TorchSharp's
/// global generator (seed it with <c>torch.manual_seed</c>). Active only in training mode; an identity in eval mode.
/// </summary>
public sealed class SpecAugment : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count or size is negative, or the ratio is outside [0, 1].</exception>
    public SpecAugment(SpecAugmentOptions options) : base(nameof(SpecAugment))
    {
        if (options.FrequencyMaskCount < 0 || options.FrequencyMaskMaxBins < 0 || options.TimeMaskCount < 0 || options.TimeMaskMaxFrames < 0)
            throw new ArgumentOutOfRangeException(nameof(options), "SpecAugment mask counts and sizes must be non-negative");
        if (options.TimeMaskMaxRatio is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.TimeMaskMaxRatio, "SpecAugment time-mask ratio must be in [0, 1]");
        Options = options;
    }

    /// <summary>The masking options.</summary>
    public SpecAugmentOptions Options { get; }

    /// <summary>Masks [batch, N, T] in training mode; returns the input unchanged otherwise.</summary>
    public override Tensor forward(Tensor features)
    {
        if (!training) return features.alias();
        if (features.dim() != 3)
            throw new ArgumentException($"SpecAugment expects [batch, channels, time], got [{string.Join(", ", features.shape)}]", nameof(features));
        using var scope = NewDisposeScope();
        long batch = features.shape[0], channels = features.shape[1], frames = features.shape[2];
        int maxFrames = (int)Math.Min(Options.TimeMaskMaxFrames, Math.Floor(Options.TimeMaskMaxRatio * frames));
        var frequencyMask = Masks(batch, channels, Options.FrequencyMaskCount, Options.FrequencyMaskMaxBins, features.device).unsqueeze(2);
        var timeMask = Masks(batch, frames, Options.TimeMaskCount, maxFrames, features.device).unsqueeze(1);
        return features.Filled(frequencyMask.logical_or(timeMask), 0).MoveToOuterDisposeScope();
    }

    // Union of `count` random spans per example over an axis of `length`: size uniform in 0…min(maxSize, length),
    // start uniform over the positions where the span fits. Returns a bool mask [batch, length].
    private static Tensor Masks(long batch, long length, int count, int maxSize, Device device)
    {
        var positions = ScalarArguments.Range(0, length, device).unsqueeze(0);
        var union = zeros([batch, length], ScalarType.Bool, device);
        long largest = Math.Min(maxSize, length);
        for (int m = 0; m < count; m++)
        {
            var size = rand([batch], device: device).Times(largest + 1).floor().to_type(ScalarType.Int64).AtMost(largest);
            var start = rand([batch], device: device).Times(size.SubtractedFrom(length + 1)).floor().to_type(ScalarType.Int64);
            var span = positions.ge(start.unsqueeze(1)).logical_and(positions.lt(start.Plus(size).unsqueeze(1)));
            union = union.logical_or(span);
        }
        return union;
    }
}
