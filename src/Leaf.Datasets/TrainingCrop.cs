using Leaf.Audio;
using Leaf.Datasets.Augmentation;

namespace Leaf.Datasets;

/// <summary>
/// The training input of a file (docs/frontends.md "Input pipeline"): a random crop of <see cref="ClipOptions.Length"/> samples (a shorter
/// clip is zero-padded at the end), then loudness normalisation, with the <see cref="WaveformAugmentation"/> steps around
/// it when asked for. The offset and the augmentation are drawn from streams seeded by (seed, epoch, file index), so they
/// are the same whichever thread decodes the file and whatever else is in the batch, and they change from epoch to epoch.
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
        float[] example = Crop(clip, offset, options);
        options.Normalise(example);
        return example;
    }

    /// <summary>The training example of file <paramref name="fileIndex"/> (decoded to <paramref name="clip"/>) in epoch <paramref name="epoch"/>.</summary>
    /// <param name="clip">The decoded clip.</param>
    /// <param name="options">Length, rate and loudness.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="epoch">The epoch.</param>
    /// <param name="fileIndex">The file's index in its dataset.</param>
    /// <param name="augmentation">Waveform augmentation; <see langword="null"/> or <see cref="WaveformAugmentationOptions.None"/> for the plain crop.</param>
    public static float[] Example(ReadOnlySpan<float> clip, ClipOptions options, int seed, int epoch, int fileIndex, WaveformAugmentationOptions? augmentation = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        int offset = Offset(clip.Length, options.Length, seed, epoch, fileIndex);
        if (augmentation is null || augmentation.IsIdentity) return Take(clip, offset, options);
        float[] example = Crop(clip, offset, options);
        var random = WaveformAugmentation.Stream(seed, epoch, fileIndex);
        WaveformAugmentation.BeforeNormalisation(example, augmentation, options.SampleRate, random);
        options.Normalise(example);
        WaveformAugmentation.AfterNormalisation(example, augmentation, random);
        return example;
    }

    // The crop starting at the offset, zero-padded to the length.
    private static float[] Crop(ReadOnlySpan<float> clip, int offset, ClipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, clip.Length);
        return AudioConditioning.CropOrPad(clip[offset..], new CropOrPadOptions(options.Length, CropMode.Start));
    }
}
