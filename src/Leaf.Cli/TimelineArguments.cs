using System.CommandLine;
using System.CommandLine.Parsing;
using Leaf.Onnx.Classifiers;

namespace Leaf.Cli;

/// <summary>The window options of event timelines (<c>predict --timeline</c>, <c>score --timeline</c>, <c>stream --model</c>).</summary>
internal sealed class TimelineArguments
{
    public Option<double?> Window { get; } = new Option<double?>("--window") { Description = "Timeline window in seconds (default: the model's clip length)." }
        .Range(0, 86_400);

    public Option<double?> Hop { get; } = new Option<double?>("--hop") { Description = "Seconds between timeline window starts (default: the window; smaller windows overlap, larger leave gaps)." }
        .Range(0, 86_400);

    public IEnumerable<Option> All => [Window, Hop];

    /// <summary>The timeline windows the parsed command line names.</summary>
    public TimelineOptions Options(ParseResult parse) => new() { WindowSeconds = parse.GetValue(Window), HopSeconds = parse.GetValue(Hop) };

    /// <summary>
    /// Makes <paramref name="command"/> refuse <c>--window</c>/<c>--hop</c> (and <paramref name="others"/>) as a usage
    /// error unless <paramref name="required"/> (the option that turns <paramref name="what"/> on) is given.
    /// </summary>
    public void RequireOnlyWith(Command command, Option required, string what, params Option[] others)
    {
        command.Validators.Add(result =>
        {
            if (result.GetResult(required) is OptionResult { Implicit: false }) return;
            foreach (var option in others.Prepend(Hop).Prepend(Window))
                if (result.GetResult(option) is OptionResult { Implicit: false })
                    result.AddError($"{option.Name} applies to {what}: add {required.Name}");
        });
    }
}
