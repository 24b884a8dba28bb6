using Leaf.Cli;

namespace Leaf.Cli.Tests;

public class CliBasicsTests
{
    internal static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = LeafCli.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary><see cref="Run"/> with standard output and error joined, for tests that search the whole output.</summary>
    internal static (int Code, string Output) RunJoined(params string[] args)
    {
        var (code, output, error) = Run(args);
        return (code, output + error);
    }

    [Fact]
    public void EveryCommandHasHelp()
    {
        static IEnumerable<(string[] Path, System.CommandLine.Command Command)> All(System.CommandLine.Command c, string[] path) =>
            c.Subcommands.SelectMany(s => All(s, [.. path, s.Name]).Prepend(([.. path, s.Name], s)));
        var commands = All(LeafCli.BuildRoot(), []).ToList();
        Assert.Contains(commands, c => c.Path.SequenceEqual(["data", "synth"]));
        foreach (var (path, command) in commands)
        {
            var (code, output, _) = Run([.. path, "--help"]);
            Assert.Equal(0, code);
            Assert.Contains(command.Description!, output);
            Assert.Contains("Usage:", output);
        }
    }

    [Fact]
    public void UnknownOptionExitsNonZeroWithOneLine()
    {
        var (code, _, err) = Run("info", "--no-such-option");
        Assert.Equal(LeafCli.UsageError, code);
        string[] lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("--no-such-option", lines[0]);
        Assert.StartsWith("leaf: ", lines[0]);
    }

    [Fact]
    public void UnknownCommandExitsNonZero()
    {
        var (code, _, err) = Run("frobnicate");
        Assert.Equal(LeafCli.UsageError, code);
        Assert.Contains("frobnicate", err);
    }

    [Fact]
    public void InfoPrintsBothBackendsAndProviders()
    {
        var (code, output, _) = Run("info");
        Assert.Equal(0, code);
        Assert.Contains("TorchSharp", output);
        Assert.Contains("0.107", output); // the TorchSharp package version loaded
        Assert.Contains("CPUExecutionProvider", output); // ONNX Runtime loaded and listed its providers
        Assert.DoesNotContain("unavailable", output);
    }
}

public class CliSubcommandErrorTests
{
    [Fact]
    public void NestedCommandErrorsAreOneLineAndNameTheFullCommand()
    {
        var (code, _, err) = CliBasicsTests.Run("data", "synth", "bogus", "--out", "x");
        Assert.Equal(LeafCli.UsageError, code);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'bogus'", line);
        Assert.Contains("'leaf data synth --help'", line);
    }
}
