using Leaf.Audio;

namespace Leaf.Datasets;

/// <summary>
/// The evaluation inputs of a file: the windows of <see cref="ClipWindows"/> (the paper's protocol) of
/// <see cref="ClipOptions.Length"/> samples, each loudness-normalised on its own like a training crop. The file's
/// prediction is the mean of its windows' logits (see <see cref="FileLogitAverager"/>).
/// </summary>
public static class EvaluationWindows
{
    /// <summary>The windows of <paramref name="clip"/>, in order.</summary>
    public static float[][] Cut(ReadOnlySpan<float> clip, ClipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var windows = new float[ClipWindows.Count(clip.Length, options.Length)][];
        for (int w = 0; w < windows.Length; w++) windows[w] = TrainingCrop.Take(clip, w * options.Length, options);
        return windows;
    }
}
