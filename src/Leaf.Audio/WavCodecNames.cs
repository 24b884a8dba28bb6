namespace Leaf.Audio;

/// <summary>Names of common WAV format tags, so an unsupported codec can be named in the error message.</summary>
internal static class WavCodecNames
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [0x0002] = "Microsoft ADPCM",
        [0x0006] = "A-law",
        [0x0007] = "µ-law",
        [0x0011] = "IMA ADPCM",
        [0x0031] = "GSM 6.10",
        [0x0050] = "MPEG",
        [0x0055] = "MPEG Layer 3",
        [0x0161] = "Windows Media Audio",
        [0x1610] = "AAC",
        [0xF1AC] = "FLAC",
    };

    /// <summary>E.g. "µ-law (format tag 7)" or "unknown codec (format tag 0x1234)".</summary>
    public static string Describe(int tag) =>
        Names.TryGetValue(tag, out string? name) ? $"{name} (format tag {tag})" : $"unknown codec (format tag {tag} = 0x{tag:X4})";
}
