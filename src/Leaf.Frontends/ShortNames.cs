namespace Leaf.Frontends;

/// <summary>A two-way table between the values of an enum and their short names (command line, JSON, metadata).</summary>
/// <typeparam name="T">The enum.</typeparam>
internal sealed class ShortNames<T> where T : struct, Enum
{
    private readonly (T Value, string Name)[] _table;
    private readonly string _what;

    /// <param name="what">What the names name, for the error message ("frontend kind").</param>
    /// <param name="table">Each value with its name, in declaration order.</param>
    public ShortNames(string what, params (T Value, string Name)[] table) => (_what, _table, All) = (what, table, [.. table.Select(t => t.Name)]);

    /// <summary>All names, in declaration order.</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>The short name of <paramref name="value"/>.</summary>
    public string Of(T value) => _table.First(t => EqualityComparer<T>.Default.Equals(t.Value, value)).Name;

    /// <summary>The value named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="All"/>.</exception>
    public T Parse(string name)
    {
        foreach (var (value, n) in _table)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return value;
        throw new ArgumentException($"unknown {_what} '{name}'; expected one of {string.Join(", ", All)}", nameof(name));
    }
}
