using System.CommandLine;
using Leaf.Cli.Commands;

namespace Leaf.Cli;

/// <summary>The <c>leaf</c> command: builds the command tree and turns failures into one-line messages.</summary>
public static class LeafCli
{
    /// <summary>Exit code for bad arguments.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a failure while running a command (bad input file, missing tool, …).</summary>
    public const int Failure = 1;

    /// <summary>Builds the root command with every sub-command.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("leaf: the learnable audio frontend (LEAF, Zeghidour et al. 2021) for .NET");
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(FeaturizeCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var parse = BuildRoot().Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            // The most specific message: an unrecognised token beats "required command was not provided".
            var error = parse.Errors.FirstOrDefault(e => e.Message.Contains('\'')) ?? parse.Errors[0];
            string command = parse.CommandResult.Command is RootCommand ? "leaf" : "leaf " + parse.CommandResult.Command.Name;
            stderr.WriteLine($"leaf: {error.Message} (see '{command} --help')");
            return UsageError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (CliErrors.IsUserFacing(e))
        {
            stderr.WriteLine($"leaf: {CliErrors.Describe(e)}");
            return Failure;
        }
    }
}
