using System.Globalization;

namespace Leaf.Plotting;

/// <summary>A numeric CSV with a header (such as <c>metrics.csv</c>) as named columns.</summary>
/// <param name="Columns">Column names in file order.</param>
/// <param name="Values">Values of each column, row by row.</param>
public sealed record MetricsTable(IReadOnlyList<string> Columns, IReadOnlyDictionary<string, double[]> Values)
{
    /// <summary>Parses CSV text whose first line names the columns and whose other lines are invariant-culture numbers.</summary>
    /// <exception cref="FormatException">Empty text, a line with another column count, or a value that is not a number; the message names <paramref name="source"/>.</exception>
    public static MetricsTable Parse(string text, string source = "metrics")
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) throw new FormatException($"{source}: empty, expected a header line");
        string[] columns = lines[0].Split(',');
        var values = columns.ToDictionary(c => c, _ => new double[lines.Length - 1], StringComparer.Ordinal);
        for (int row = 1; row < lines.Length; row++)
        {
            string[] fields = lines[row].Split(',');
            if (fields.Length != columns.Length) throw new FormatException($"{source}: line {row + 1} has {fields.Length} values for {columns.Length} columns");
            for (int c = 0; c < columns.Length; c++)
                if (!double.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out values[columns[c]][row - 1]))
                    throw new FormatException($"{source}: line {row + 1}, column '{columns[c]}': '{fields[c]}' is not a number");
        }
        return new MetricsTable(columns, values);
    }

    /// <summary>Reads and parses the file at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">See <see cref="Parse"/>.</exception>
    public static MetricsTable Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The columns named <paramref name="name"/> or ending in <c>/<paramref name="name"/></c> (per-task columns), in file order.</summary>
    public IEnumerable<string> Named(string name) => Columns.Where(c => c == name || c.EndsWith("/" + name, StringComparison.Ordinal));
}
