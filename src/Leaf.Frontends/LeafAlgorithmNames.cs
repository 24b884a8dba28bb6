namespace Leaf.Frontends;

/// <summary>Names used on the command line and in model metadata: <c>exact</c>, <c>fast</c>.</summary>
public static class LeafAlgorithmNames
{
    private static readonly (LeafAlgorithm Algorithm, string Name)[] Table = [(LeafAlgorithm.Exact, "exact"), (LeafAlgorithm.Fast, "fast")];

    /// <summary>All names, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>The short name of an algorithm.</summary>
    public static string ToName(this LeafAlgorithm algorithm) => Table.First(t => t.Algorithm == algorithm).Name;

    /// <summary>Parses a short name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="All"/>.</exception>
    public static LeafAlgorithm Parse(string name)
    {
        foreach (var (algorithm, n) in Table)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return algorithm;
        throw new ArgumentException($"unknown LEAF algorithm '{name}'; expected one of {string.Join(", ", All)}", nameof(name));
    }
}
