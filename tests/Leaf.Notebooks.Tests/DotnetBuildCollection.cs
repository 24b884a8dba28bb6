namespace Leaf.Notebooks.Tests;

/// <summary>
/// Tests that run notebooks or build programs: one at a time, because each keeps the CPU busy and programs referencing
/// the same local projects would otherwise build those projects concurrently. They share the runs of the shipped notebooks.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DotnetBuildCollection : ICollectionFixture<ShippedNotebookRuns>
{
    public const string Name = "dotnet builds";
}
