using System.Globalization;

namespace Leaf.Training.Training;

/// <summary>Reads and (atomically) rewrites <c>metrics.csv</c>.</summary>
public static class MetricsLog
{
    /// <summary>The metrics of epochs 1..<paramref name="epochs"/> in <paramref name="path"/> (none when the file does not exist).</summary>
    /// <exception cref="FormatException">A line is not a metrics line.</exception>
    public static List<EpochMetrics> Read(string path, int epochs)
    {
        if (epochs == 0 || !File.Exists(path)) return [];
        return File.ReadLines(path).Skip(1).Select(Parse).Where(m => m.Epoch <= epochs).ToList();
    }

    /// <summary>Writes <paramref name="metrics"/> with a header to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, IEnumerable<EpochMetrics> metrics) =>
        Leaf.Audio.AtomicFile.WriteText(path, string.Join('\n', metrics.Select(m => m.ToCsv()).Prepend(EpochMetrics.CsvHeader)) + "\n");

    private static EpochMetrics Parse(string line)
    {
        var f = line.Split(',');
        if (f.Length != 7) throw new FormatException($"'{line}' is not a metrics line ({EpochMetrics.CsvHeader})");
        double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
        return new EpochMetrics(int.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture), D(2), D(3), D(4), D(5), D(6));
    }
}
