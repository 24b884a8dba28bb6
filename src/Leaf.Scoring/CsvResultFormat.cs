using System.Globalization;
using CsvHelper;

namespace Leaf.Scoring;

/// <summary>
/// Result files as CSV (UTF-8 without BOM, LF line ends, RFC 4180 quoting): floats in their shortest round-trip form,
/// error rows with empty window, label and value cells.
/// </summary>
internal static class CsvResultFormat
{
    public static void Write(Stream stream, ResultTable table)
    {
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true);
        foreach (string name in table.Columns.Header) csv.WriteField(name);
        csv.EndRecord();
        int labels = table.Columns.LabelColumns.Count, values = table.Columns.ValueColumns.Count;
        foreach (var row in table.Rows)
        {
            csv.WriteField(row.Index.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.Path);
            csv.WriteField(row.Error ?? "");
            csv.WriteField(row.Windows.ToString(CultureInfo.InvariantCulture));
            if (table.Columns.Timeline)
            {
                csv.WriteField(row.Span?.Number.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(row.Span?.Start.ToString("R", CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(row.Span?.End.ToString("R", CultureInfo.InvariantCulture) ?? "");
            }
            for (int i = 0; i < labels; i++) csv.WriteField(row.Labels?[i] ?? "");
            for (int i = 0; i < values; i++) csv.WriteField(row.Values is null ? "" : row.Values[i].ToString("R", CultureInfo.InvariantCulture));
            csv.EndRecord();
        }
    }

    public static ResultTable Read(string path)
    {
        using var csv = CsvReader.FromFile(path, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true });
        var header = csv.Headers.ToArray();
        if (header.Length == 0) throw new InvalidDataException($"{path}: empty result file");
        var columns = ResultTable.ColumnsOf(header, path);
        int labels = columns.LabelColumns.Count, values = columns.ValueColumns.Count;
        var rows = new List<ScoreRow>();
        while (csv.Read())
        {
            if (csv.FieldCount != header.Length) throw new InvalidDataException($"{path}, line {csv.LineNumber}: {csv.FieldCount} cells, expected {header.Length}");
            string error = csv.GetString(2);
            bool failed = error.Length > 0;
            int first = ScoreColumns.Fixed.Count + (columns.Timeline ? ScoreColumns.TimelineFixed.Count : 0);
            var span = columns.Timeline && !failed ? new WindowSpan(Number<long>(csv, 4, header, path), Number<double>(csv, 5, header, path), Number<double>(csv, 6, header, path)) : null;
            rows.Add(new ScoreRow(Number<long>(csv, 0, header, path), csv.GetString(1), failed ? error : null, Number<int>(csv, 3, header, path),
                failed ? null : [.. Enumerable.Range(first, labels).Select(csv.GetString)],
                failed ? null : [.. Enumerable.Range(first + labels, values).Select(i => Number<float>(csv, i, header, path))], span));
        }
        return new ResultTable(columns, rows);
    }

    private static T Number<T>(CsvReader csv, int field, string[] header, string path) where T : ISpanParsable<T> =>
        T.TryParse(csv.GetString(field), CultureInfo.InvariantCulture, out var v) ? v
            : throw new InvalidDataException($"{path}, line {csv.LineNumber}: column {header[field]} is '{csv.GetString(field)}', not a number");
}
