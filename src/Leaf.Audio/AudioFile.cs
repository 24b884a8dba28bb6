namespace Leaf.Audio;

/// <summary>
/// Entry point: decode an audio file (or encoded bytes) into a mono <see cref="AudioClip"/> ready for LEAF.
/// WAV is recognised by its RIFF/RF64 magic (not the file extension) and decoded here: PCM 8/16/24/32-bit (and
/// narrower PCM in byte containers), IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE, RF64, any channel count.
/// Everything else goes through an installed ffmpeg (see <see cref="FfmpegOptions"/>).
/// Then: mix to mono (mean over channels) → resample (<see cref="PolyphaseResampler"/>) → crop/pad → loudness,
/// each as set in <see cref="AudioLoadOptions"/>.
/// </summary>
/// <remarks>
/// Bad input raises <see cref="AudioFormatException"/> (naming the file and the problem); a missing file raises
/// <see cref="FileNotFoundException"/> or <see cref="DirectoryNotFoundException"/>; invalid options raise
/// <see cref="ArgumentException"/>. No allocation is sized from a header field without checking it against the
/// real length of the data.
/// </remarks>
public static class AudioFile
{
    private const string MemorySource = "<memory>";

    /// <summary>Decodes and conditions the file at <paramref name="path"/>.</summary>
    public static AudioClip Load(string path, AudioLoadOptions? options = null)
    {
        options = Validate(options);
        using FileStream file = OpenRegular(path);
        if (StartsLikeWav(file)) return Condition(ReadWav(file, path), path, options);
        file.Dispose(); // ffmpeg opens the file itself
        return Condition(FfmpegDecoder.Decode(path, options.Ffmpeg, path), path, options);
    }

    /// <summary>Decodes and conditions an encoded file held in memory (WAV natively, other formats through ffmpeg via a temporary file).</summary>
    /// <param name="encoded">The file's bytes.</param>
    /// <param name="options">Conditioning; <see langword="null"/> for <see cref="AudioLoadOptions.Default"/>.</param>
    /// <param name="source">A name for messages and <see cref="AudioClip.Source"/>.</param>
    public static AudioClip Load(ReadOnlyMemory<byte> encoded, AudioLoadOptions? options = null, string source = MemorySource)
    {
        options = Validate(options);
        if (WavHeaderParser.HasWavMagic(encoded.Span[..Math.Min(12, encoded.Length)]))
            return Condition(ReadWav(AsStream(encoded), source), source, options);
        string temp = Path.Combine(Path.GetTempPath(), $"leaf-audio-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(temp, encoded.ToArray());
            return Condition(FfmpegDecoder.Decode(temp, options.Ffmpeg, source), source, options);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end and decodes it like <see cref="Load(ReadOnlyMemory{byte}, AudioLoadOptions, string)"/>.</summary>
    public static AudioClip Load(Stream stream, AudioLoadOptions? options = null, string source = MemorySource)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Load(copy.GetBuffer().AsMemory(0, (int)copy.Length), options, source);
    }

    /// <summary>
    /// Format, channels, rate and length without decoding: from the WAV header, or from <c>ffprobe</c> for other
    /// formats (frames then estimated from the duration).
    /// </summary>
    public static AudioInfo ReadInfo(string path, FfmpegOptions? ffmpeg = null)
    {
        using FileStream file = OpenRegular(path);
        if (!StartsLikeWav(file)) return FfprobeInfo.Read(path, ffmpeg ?? FfmpegOptions.Default);
        WavLayout layout = WavHeaderParser.Parse(file, path);
        WavFormat f = layout.Format;
        return new AudioInfo(path, f.ToString(), f.Channels, f.SampleRate, layout.FrameCount);
    }

    /// <summary>Opens a WAV file for windowed reads in bounded memory (see <see cref="WavStreamReader"/>).</summary>
    public static WavStreamReader OpenWav(string path) => new(OpenRegular(path), leaveOpen: false, path);

    /// <summary>Opens a seekable stream holding a WAV file (from its current position) for windowed reads.</summary>
    public static WavStreamReader OpenWav(Stream stream, string source = MemorySource, bool leaveOpen = false) => new(stream, leaveOpen, source);

    private static AudioLoadOptions Validate(AudioLoadOptions? options)
    {
        options ??= AudioLoadOptions.Default;
        if (options.SampleRate is int rate && !AudioLimits.IsValidSampleRate(rate))
            throw new ArgumentOutOfRangeException(nameof(options), rate, $"SampleRate must be {AudioLimits.SampleRateRange} (or null to keep the file's rate)");
        if (options.CropOrPad is { Length: <= 0 } crop)
            throw new ArgumentOutOfRangeException(nameof(options), crop.Length, "CropOrPad.Length must be positive");
        ArgumentNullException.ThrowIfNull(options.Ffmpeg);
        return options;
    }

    // A FIFO or device would block or never end: refused by name before it is opened.
    private static FileStream OpenRegular(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (RegularFile.Describe(path) is string what)
            throw new AudioFormatException(path, $"is {what}, not a regular file; only regular files (or links to them) are read");
        return File.OpenRead(path);
    }

    private static bool StartsLikeWav(Stream file)
    {
        Span<byte> head = stackalloc byte[12];
        int n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        file.Position = 0;
        return WavHeaderParser.HasWavMagic(head[..n]);
    }

    private static (float[] Samples, int SampleRate) ReadWav(Stream stream, string source)
    {
        using var reader = new WavStreamReader(stream, leaveOpen: true, source);
        return (reader.ReadAll(), reader.SampleRate);
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out ArraySegment<byte> segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    /// <summary>Resample → crop/pad → loudness, as the options say.</summary>
    private static AudioClip Condition((float[] Samples, int SampleRate) decoded, string source, AudioLoadOptions options)
    {
        (float[] samples, int rate) = decoded;
        if (samples.Length == 0) throw new AudioFormatException(source, "contains no audio samples");
        if (options.SampleRate is int target && target != rate)
        {
            var resampler = new PolyphaseResampler(rate, target);
            if (resampler.OutputLength(samples.Length) > Array.MaxLength)
                throw new AudioFormatException(source, $"too long to resample to {target} Hz in one array; read windows with OpenWav");
            (samples, rate) = (resampler.Process(samples), target);
        }
        if (options.CropOrPad is { } crop) samples = AudioConditioning.CropOrPad(samples, crop);
        if (options.Loudness is { } loudness) LoudnessNormalization.Apply(samples, loudness);
        return new AudioClip(samples, rate, source);
    }
}
