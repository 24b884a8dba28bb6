namespace Leaf.Audio;

/// <summary>
/// The evaluation protocol (the paper's, as in COLA and EfficientLEAF), shared by training, <c>leaf predict</c>/<c>score</c>
/// and the windowed ONNX classifier: consecutive non-overlapping windows of the clip length from the start; an
/// incomplete last window is dropped, except that audio shorter than one window gives one window zero-padded at the
/// end; each window is loudness-normalised on its own. A file's prediction is the mean of its windows' logits.
/// </summary>
public static class ClipWindows
{
    /// <summary>Number of windows of <paramref name="samples"/> samples: ⌊n / L⌋, or 1 when n &lt; L.</summary>
    public static int Count(int samples, int windowLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowLength);
        return Math.Max(1, samples / windowLength);
    }

    /// <summary>Writes window <paramref name="index"/> of <paramref name="clip"/> into <paramref name="window"/> (its length is the window length): copy, zero-pad, normalise.</summary>
    public static void Fill(ReadOnlySpan<float> clip, int index, Span<float> window, LoudnessOptions? loudness)
    {
        int start = index * window.Length;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, clip.Length);
        var part = clip.Slice(start, Math.Min(window.Length, clip.Length - start));
        part.CopyTo(window);
        window[part.Length..].Clear();
        if (loudness is not null) LoudnessNormalization.Apply(window, loudness);
    }
}
