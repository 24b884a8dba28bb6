using Leaf.Audio;

namespace Leaf.Cli;

/// <summary>Which exceptions are the user's problem (bad input, missing file or tool) and how to say so in one line.</summary>
internal static class CliErrors
{
    public static bool IsUserFacing(Exception e) => e is AudioFormatException or FileNotFoundException or DirectoryNotFoundException
        or FormatException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException
        or NotSupportedException or InvalidDataException;

    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException f when f.FileName is not null && !f.Message.Contains(f.FileName) => $"{f.FileName}: file not found",
        _ => e.Message.ReplaceLineEndings(" "),
    };
}
