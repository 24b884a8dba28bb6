using Leaf.Audio;

namespace Leaf.Onnx.Classifiers;

/// <summary>The windows of an event timeline in seconds (<see cref="OnnxClassifier.Timeline"/>); null lengths take the defaults.</summary>
public sealed record TimelineOptions
{
    /// <summary>Window length in seconds; default: the model's clip length (each window is then one clip, scored alone).</summary>
    public double? WindowSeconds { get; init; }

    /// <summary>Seconds between window starts; default: the window length (consecutive windows, no overlap).</summary>
    public double? HopSeconds { get; init; }

    /// <summary>The windows in samples for <paramref name="model"/>: lengths rounded to whole samples at its rate.</summary>
    /// <exception cref="ArgumentException">A length that is not positive or rounds to no sample.</exception>
    public SlidingWindows Resolve(ClassifierModelInfo model)
    {
        ArgumentNullException.ThrowIfNull(model);
        int rate = model.Frontend.SampleRate;
        double window = WindowSeconds ?? (double)model.ClipSamples / rate;
        return SlidingWindows.FromSeconds(window, HopSeconds ?? window, rate);
    }
}
