namespace Leaf.Training.Data;

/// <summary>
/// The evaluation inputs of a file (the paper's protocol, as in COLA and EfficientLEAF): consecutive
/// non-overlapping windows of <see cref="ClipOptions.Length"/> samples from the start; an incomplete last window is
/// dropped, except that a clip shorter than one window gives one window zero-padded at the end. Each window is
/// loudness-normalised on its own, like a training crop. The file's prediction is the mean of its windows'
/// logits (see <see cref="FileLogitAverager"/>).
/// </summary>
public static class EvaluationWindows
{
    /// <summary>Number of windows: ⌊n / L⌋, or 1 when n &lt; L.</summary>
    public static int Count(int clipLength, int windowLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(clipLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windowLength);
        return Math.Max(1, clipLength / windowLength);
    }

    /// <summary>The windows of <paramref name="clip"/>, in order.</summary>
    public static float[][] Cut(ReadOnlySpan<float> clip, ClipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var windows = new float[Count(clip.Length, options.Length)][];
        for (int w = 0; w < windows.Length; w++) windows[w] = TrainingCrop.Take(clip, w * options.Length, options);
        return windows;
    }
}
