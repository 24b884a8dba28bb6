namespace Leaf.Cli.Tests;

/// <summary>
/// Commands that show a live Spectre.Console progress display (train, demo, data synth): Spectre refuses two live
/// displays at once in one process, so the test classes that run them share this non-parallel collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveConsoleCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "live console display";
}
