using Leaf.Audio;

namespace Leaf.Datasets;

/// <summary>
/// The index pass: checks every file (header or full decode, see <see cref="IndexCheck"/>) on several threads and
/// sorts them into readable files with their <see cref="AudioInfo"/> and <see cref="SkippedFile"/>s with the reason.
/// A WAV header is read natively in microseconds; other formats cost one ffprobe run each.
/// </summary>
public static class DatasetIndexer
{
    /// <summary>The readable files with their info, in the order given; the others are added to <paramref name="skipped"/> (in the order given).</summary>
    public static List<(LabelledFile File, AudioInfo Info)> Index(IReadOnlyList<LabelledFile> files, DatasetOptions options, ICollection<SkippedFile> skipped)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var results = new (AudioInfo? Info, string? Problem)[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) },
            i => results[i] = Check(files[i].Path, options));
        var readable = new List<(LabelledFile, AudioInfo)>(files.Count);
        for (int i = 0; i < files.Count; i++)
        {
            if (results[i].Info is { } info) readable.Add((files[i], info));
            else skipped.Add(new SkippedFile(files[i].Path, results[i].Problem!));
        }
        return readable;
    }

    /// <summary>The file's info, or why it cannot be used.</summary>
    public static (AudioInfo? Info, string? Problem) Check(string path, DatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            AudioInfo info = AudioFile.ReadInfo(path, options.Ffmpeg);
            if (options.Check == IndexCheck.Decode)
            {
                AudioClip clip = AudioFile.Load(path, new AudioLoadOptions { SampleRate = null, Ffmpeg = options.Ffmpeg });
                info = info with { Frames = clip.Samples.Length }; // exact, also for formats whose header only gives a duration
            }
            return info.Frames > 0 ? (info, null) : (null, "contains no audio samples");
        }
        catch (AudioFormatException e)
        {
            return (null, e.Problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, e.Message);
        }
    }
}
