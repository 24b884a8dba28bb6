namespace Leaf.Frontends;

/// <summary>Names used on the command line and in model metadata: <c>exact</c>, <c>fast</c>.</summary>
public static class LeafAlgorithmNames
{
    private static readonly ShortNames<LeafAlgorithm> Names = new("LEAF algorithm", (LeafAlgorithm.Exact, "exact"), (LeafAlgorithm.Fast, "fast"));

    /// <summary>All names, in declaration order.</summary>
    public static IReadOnlyList<string> All => Names.All;

    /// <summary>The short name of an algorithm.</summary>
    public static string ToName(this LeafAlgorithm value) => Names.Of(value);

    /// <summary>Parses a short name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="All"/>.</exception>
    public static LeafAlgorithm Parse(string name) => Names.Parse(name);
}
