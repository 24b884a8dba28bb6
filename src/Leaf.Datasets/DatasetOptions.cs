using Leaf.Audio;

namespace Leaf.Datasets;

/// <summary>How <see cref="AudioDataset.Load"/> finds, checks and splits files.</summary>
public sealed record DatasetOptions
{
    /// <summary>Split fractions used when the dataset has no explicit split (default 80/10/10).</summary>
    public SplitFractions Fractions { get; init; } = SplitFractions.Default;

    /// <summary>Seed of the stratified split (ignored when the split is explicit).</summary>
    public int Seed { get; init; }

    /// <summary>How thoroughly each file is checked (default: header only).</summary>
    public IndexCheck Check { get; init; } = IndexCheck.Header;

    /// <summary>Files with these extensions (lower case, with the dot) are audio; others inside class folders are reported as skipped.</summary>
    public IReadOnlySet<string> AudioExtensions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".wav", ".wave", ".flac", ".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".aif", ".aiff", ".au", ".wma", ".webm",
    };

    /// <summary>Threads of the index pass (default: all cores; files are independent).</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>External decoders for formats other than WAV.</summary>
    public FfmpegOptions Ffmpeg { get; init; } = FfmpegOptions.Default;

    /// <summary>The defaults.</summary>
    public static DatasetOptions Default { get; } = new();
}
