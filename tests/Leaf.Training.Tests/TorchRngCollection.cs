namespace Leaf.Training.Tests;

/// <summary>
/// Tests that depend on libtorch's global random generator being theirs alone (seeded training runs compared for
/// equality). xUnit runs test classes in parallel, and other classes seed and draw from the same global generator, so
/// these run in a collection of their own with parallelisation disabled.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchRngCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "libtorch global RNG";
}
