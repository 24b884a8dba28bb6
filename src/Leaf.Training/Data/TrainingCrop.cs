using Leaf.Audio;

namespace Leaf.Training.Data;

/// <summary>
/// The training input of a file (spec A.1): a random crop of <see cref="ClipOptions.Length"/> samples (a shorter
/// clip is zero-padded at the end), then loudness normalisation. The offset is drawn from a stream seeded by
/// (seed, epoch, file index), so it is the same whichever thread decodes the file and whatever else is in the batch,
/// and it changes from epoch to epoch.
/// </summary>
public static class TrainingCrop
{
    /// <summary>Where the crop of file <paramref name="fileIndex"/> starts in epoch <paramref name="epoch"/>: uniform in [0, n − L] (0 when n ≤ L).</summary>
    public static int Offset(int clipLength, int cropLength, int seed, int epoch, int fileIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(clipLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cropLength);
        int slack = clipLength - cropLength;
        return slack <= 0 ? 0 : DeterministicRandom.For(seed, epoch, fileIndex).NextInt(slack + 1);
    }

    /// <summary>The crop starting at <paramref name="offset"/>, zero-padded to the length, loudness-normalised as <paramref name="options"/> say.</summary>
    public static float[] Take(ReadOnlySpan<float> clip, int offset, ClipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, clip.Length);
        float[] example = AudioConditioning.CropOrPad(clip[offset..], new CropOrPadOptions(options.Length, CropMode.Start));
        options.Normalise(example);
        return example;
    }

    /// <summary>The training example of file <paramref name="fileIndex"/> (decoded to <paramref name="clip"/>) in epoch <paramref name="epoch"/>.</summary>
    public static float[] Example(ReadOnlySpan<float> clip, ClipOptions options, int seed, int epoch, int fileIndex)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Take(clip, Offset(clip.Length, options.Length, seed, epoch, fileIndex), options);
    }
}
