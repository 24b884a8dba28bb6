using Leaf.Audio;

namespace Leaf.Cli;

/// <summary>Which exceptions are the user's problem (bad input, missing file or tool) and how to say so in one line.</summary>
internal static class CliErrors
{
    public static bool IsUserFacing(Exception e) => e is AudioFormatException or FileNotFoundException or DirectoryNotFoundException
        or FormatException or ArgumentException or InvalidOperationException or IOException or UnauthorizedAccessException
        or NotSupportedException or InvalidDataException;

    /// <summary>
    /// Reports a failed command on <paramref name="stderr"/> in one line — the message of a user-facing error, or the
    /// type and message of any other with a hint to rerun with <c>--verbose</c> — plus the trace with
    /// <paramref name="verbose"/>; returns <see cref="LeafCli.Failure"/>.
    /// </summary>
    public static int Report(Exception e, TextWriter stderr, bool verbose)
    {
        stderr.WriteLine(IsUserFacing(e)
            ? $"leaf: {Describe(e)}"
            : $"leaf: unexpected error ({e.GetType().Name}): {Describe(e)}; run the command again with --verbose for the full trace");
        if (verbose) stderr.WriteLine(e);
        return LeafCli.Failure;
    }

    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException f when f.FileName is not null && !f.Message.Contains(f.FileName) => $"{f.FileName}: file not found",
        _ => e.Message.ReplaceLineEndings(" "),
    };
}
