namespace Leaf.Notebooks.Tests;

/// <summary>
/// Tests that build and run generated programs: one at a time, because programs referencing the same local projects
/// would otherwise build those projects concurrently.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DotnetBuildCollection
{
    public const string Name = "dotnet builds";
}
