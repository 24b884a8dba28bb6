using System.Globalization;

namespace Leaf.Training.Fitting;

/// <summary>Reads and (atomically) rewrites <c>metrics.csv</c> (header <see cref="EpochMetrics.Header"/>).</summary>
public static class MetricsLog
{
    private static readonly int FixedColumns = EpochMetrics.CsvHeader.Split(',').Length;

    /// <summary>Every line of the metrics file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="FormatException">The header or a line is not a metrics line; the message names the file.</exception>
    public static List<EpochMetrics> Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || !lines[0].StartsWith(EpochMetrics.CsvHeader, StringComparison.Ordinal))
            throw new FormatException($"{path}: not a metrics file (expected the header '{EpochMetrics.CsvHeader},...')");
        string[] tasks = TaskNames(path, lines[0]);
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => Parse(path, l, tasks))];
    }

    /// <summary>The metrics of epochs 1..<paramref name="epochs"/> in <paramref name="path"/> (none when the file does not exist).</summary>
    /// <exception cref="FormatException">A line is not a metrics line.</exception>
    public static List<EpochMetrics> Read(string path, int epochs) =>
        epochs == 0 || !File.Exists(path) ? [] : [.. Read(path).Where(m => m.Epoch <= epochs)];

    /// <summary>Writes <paramref name="metrics"/> of a run with <paramref name="tasks"/> to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, IReadOnlyList<string> tasks, IEnumerable<EpochMetrics> metrics) =>
        Leaf.Audio.AtomicFile.WriteText(path, string.Join('\n', metrics.Select(m => m.ToCsv()).Prepend(EpochMetrics.Header(tasks))) + "\n");

    // The task names of the per-task columns "<task>/train_loss,<task>/train_acc,<task>/valid_acc".
    private static string[] TaskNames(string path, string header)
    {
        string[] extra = header.Split(',')[FixedColumns..];
        int per = TaskMetrics.ColumnNames.Length;
        if (extra.Length % per != 0) throw new FormatException($"{path}: the per-task columns of '{header}' are incomplete");
        var names = new string[extra.Length / per];
        for (int t = 0; t < names.Length; t++)
        {
            names[t] = extra[t * per].Split('/')[0];
            for (int c = 0; c < per; c++)
                if (extra[t * per + c] != $"{names[t]}/{TaskMetrics.ColumnNames[c]}")
                    throw new FormatException($"{path}: unexpected column '{extra[t * per + c]}' (expected {names[t]}/{TaskMetrics.ColumnNames[c]})");
        }
        return names;
    }

    private static EpochMetrics Parse(string path, string line, string[] tasks)
    {
        var f = line.Split(',');
        if (f.Length != FixedColumns + tasks.Length * TaskMetrics.ColumnNames.Length)
            throw new FormatException($"{path}: '{line}' does not have the header's {FixedColumns + tasks.Length * TaskMetrics.ColumnNames.Length} columns");
        try
        {
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            var perTask = tasks.Select((t, k) => new TaskMetrics(t, D(FixedColumns + 3 * k), D(FixedColumns + 3 * k + 1), D(FixedColumns + 3 * k + 2))).ToArray();
            return new EpochMetrics(int.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture),
                D(2), D(3), D(4), D(5), D(6), D(7), perTask);
        }
        catch (FormatException e) { throw new FormatException($"{path}: '{line}' has a value that is not a number", e); }
    }
}
