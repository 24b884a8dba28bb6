namespace Leaf.Frontends;

/// <summary>A two-way table between the values of an enum and their short names (command line, JSON, metadata).</summary>
/// <typeparam name="T">The enum.</typeparam>
internal sealed class ShortNames<T> where T : struct, Enum
{
    private readonly (T Value, string Name)[] _table;
    private readonly string _what;

    /// <param name="what">What the names name, for the error message ("frontend kind").</param>
    /// <param name="table">Each value with its name, in declaration order; a value listed again gets an alias there, which
    /// <see cref="Parse"/> accepts and <see cref="Of"/> never returns.</param>
    public ShortNames(string what, params (T Value, string Name)[] table)
    {
        (_what, _table) = (what, table);
        All = [.. table.DistinctBy(t => t.Value).Select(t => t.Name)];
        Accepted = [.. table.Select(t => t.Name)];
    }

    /// <summary>All names, in declaration order (one per value, no aliases).</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>Every name <see cref="Parse"/> accepts: the names and the aliases, in table order.</summary>
    public IReadOnlyList<string> Accepted { get; }

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
