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

    /// <summary>The option, on every command, that prints an error's full trace.</summary>
    private const string VerboseName = "--verbose";

    /// <summary>Builds the root command with every sub-command.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("leaf: the learnable audio frontend (LEAF, Zeghidour et al. 2021) for .NET");
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(FeaturizeCommand.Create());
        root.Subcommands.Add(StreamCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(MlNetCommand.Create());
        root.Subcommands.Add(PlotCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Options.Add(new Option<bool>(VerboseName) { Description = "On an error, also print its full trace (for a bug report).", Recursive = true });
        return root;
    }

    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is System.CommandLine.Parsing.CommandResult c; r = c.Parent)
            names.Insert(0, c.Command is RootCommand ? "leaf" : c.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null) => Run(args, stdout, stderr, CancellationToken.None);

    /// <summary>
    /// Parses and runs <paramref name="args"/>; returns the process exit code. A long command (one that observes
    /// cancellation) is interrupted by SIGINT, SIGTERM or <paramref name="cancellation"/>: it saves its finished work,
    /// says how to resume and returns 130 (143 after SIGTERM). Any exception ends in one line on
    /// <paramref name="stderr"/> (the trace only with <c>--verbose</c>).
    /// </summary>
    public static int Run(string[] args, TextWriter? stdout, TextWriter? stderr, CancellationToken cancellation)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var parse = BuildRoot().Parse(args.Length == 0 ? ["--help"] : args);
        if (parse.Errors.Count > 0)
        {
            // The most specific message: an unrecognised token beats "required command was not provided".
            var error = parse.Errors.FirstOrDefault(e => e.Message.Contains('\'')) ?? parse.Errors[0];
            string message = string.Join(' ', error.Message.Split((char[])['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()));
            stderr.WriteLine($"leaf: {message} (see '{CommandPath(parse.CommandResult)} --help')");
            return UsageError;
        }
        bool verbose = parse.GetValue<bool>(VerboseName);
        using var signals = parse.Action is System.CommandLine.Invocation.AsynchronousCommandLineAction ? new CliSignals(cancellation) : null;
        var token = signals?.Token ?? cancellation;
        try
        {
            var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return parse.InvokeAsync(configuration, token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException e) when (token.IsCancellationRequested)
        {
            string by = signals?.SignalName is string name ? $" by {name}" : "";
            stderr.WriteLine($"leaf: interrupted{by}{(e.Message == new OperationCanceledException().Message ? "" : $": {e.Message}")}");
            return signals?.ExitCode ?? CliSignals.InterruptExitCode;
        }
        catch (Exception e)
        {
            return CliErrors.Report(e, stderr, verbose); // the last resort too: no path prints a trace by default
        }
    }
}
