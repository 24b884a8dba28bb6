namespace Leaf.Audio;

/// <summary>Crop / zero-pad to a fixed length (docs/frontends.md "Input pipeline").</summary>
public static class AudioConditioning
{
    /// <summary>
    /// Exactly <see cref="CropOrPadOptions.Length"/> samples: a crop chosen by <see cref="CropOrPadOptions.Crop"/> when
    /// longer, the clip followed by zeros when shorter, a copy when equal.
    /// </summary>
    public static float[] CropOrPad(ReadOnlySpan<float> samples, CropOrPadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Length);
        var output = new float[options.Length]; // zero padding at the end when the clip is shorter
        int offset = CropOffset(samples.Length, options);
        samples.Slice(offset, Math.Min(samples.Length, options.Length)).CopyTo(output);
        return output;
    }

    /// <summary>Where the crop of a clip of <paramref name="inputLength"/> samples starts (0 when it is not longer than the target).</summary>
    public static int CropOffset(int inputLength, CropOrPadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int slack = inputLength - options.Length;
        if (slack <= 0) return 0;
        return options.Crop switch
        {
            CropMode.Start => 0,
            CropMode.Center => slack / 2,
            CropMode.Random => (options.Seed is int seed ? new Random(seed) : Random.Shared).Next(slack + 1),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Crop, "unknown crop mode"),
        };
    }
}
