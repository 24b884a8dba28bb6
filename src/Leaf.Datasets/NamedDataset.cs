namespace Leaf.Datasets;

/// <summary>
/// One task of a multi-task run: a dataset with a name, each with its own label set (the trainer gives each
/// task its own head). Written on the command line as <c>name=DIR</c> or <c>name=manifest.csv</c>.
/// </summary>
/// <param name="Name">Task name (unique within a run).</param>
/// <param name="Dataset">The dataset.</param>
public sealed record NamedDataset(string Name, AudioDataset Dataset)
{
    /// <summary>
    /// Splits <c>name=PATH</c> into its parts; a bare <c>PATH</c> is named after its folder or file (without extension).
    /// </summary>
    /// <exception cref="ArgumentException">An empty name or path, or a name with characters other than letters, digits, '-', '_' and '.'.</exception>
    public static (string Name, string Path) ParseSpec(string spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        int eq = spec.IndexOf('=', StringComparison.Ordinal);
        string path = eq < 0 ? spec : spec[(eq + 1)..];
        string name = eq < 0 ? System.IO.Path.GetFileNameWithoutExtension(System.IO.Path.TrimEndingDirectorySeparator(path)) : spec[..eq];
        if (path.Length == 0) throw new ArgumentException($"dataset '{spec}': no path after '=' (expected name=DIR or name=manifest.csv)", nameof(spec));
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"dataset '{spec}': the name '{name}' must be non-empty letters, digits, '-', '_' or '.'", nameof(spec));
        return (name, path);
    }

    /// <summary>Loads every <c>name=PATH</c> spec (see <see cref="ParseSpec"/>).</summary>
    /// <exception cref="ArgumentException">No spec, or two datasets with the same name.</exception>
    public static IReadOnlyList<NamedDataset> LoadAll(IEnumerable<string> specs, DatasetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var parsed = specs.Select(ParseSpec).ToList();
        if (parsed.Count == 0) throw new ArgumentException("at least one dataset is needed", nameof(specs));
        string? repeated = parsed.GroupBy(p => p.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (repeated is not null) throw new ArgumentException($"two datasets are named '{repeated}'; give each a unique name=PATH", nameof(specs));
        return [.. parsed.Select(p => new NamedDataset(p.Name, AudioDataset.Load(p.Path, options)))];
    }
}
