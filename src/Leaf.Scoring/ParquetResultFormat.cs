using Parquet;
using Parquet.Schema;

namespace Leaf.Scoring;

/// <summary>
/// Result files as Parquet (one row group, Snappy): <c>index</c> int64, <c>path</c> string, <c>error</c> nullable
/// string, <c>windows</c> int32, in a timeline file <c>window</c> nullable int64 and <c>start_s</c>, <c>end_s</c> nullable
/// float64, label columns nullable strings, value columns nullable float32 (null in error rows).
/// </summary>
internal static class ParquetResultFormat
{
    public static void Write(Stream stream, ResultTable table) => WriteAsync(stream, table).GetAwaiter().GetResult();

    public static ResultTable Read(string path) => ReadAsync(path).GetAwaiter().GetResult();

    private static ParquetSchema Schema(ScoreColumns columns) => new(
        [
            new DataField<long>("index"), new DataField<string>("path"), new DataField<string>("error", nullable: true), new DataField<int>("windows"),
            .. columns.Timeline ? [new DataField<long?>("window"), new DataField<double?>("start_s"), new DataField<double?>("end_s")] : Array.Empty<DataField>(),
            .. columns.LabelColumns.Select(c => new DataField<string>(c, nullable: true)),
            .. columns.ValueColumns.Select(c => new DataField<float?>(c)),
        ]);

    private static async Task WriteAsync(Stream stream, ResultTable table)
    {
        var schema = Schema(table.Columns);
        var fields = schema.GetDataFields();
        var rows = table.Rows;
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<long>(fields[0], rows.Select(r => r.Index).ToArray());
        await group.WriteAsync(fields[1], rows.Select(r => r.Path).ToArray());
        await group.WriteAsync(fields[2], rows.Select(r => r.Error).ToArray()!);
        await group.WriteAsync<int>(fields[3], rows.Select(r => r.Windows).ToArray());
        int first = 4;
        if (table.Columns.Timeline)
        {
            await group.WriteAsync<long>(fields[first++], rows.Select(r => r.Span?.Number).ToArray());
            await group.WriteAsync<double>(fields[first++], rows.Select(r => r.Span?.Start).ToArray());
            await group.WriteAsync<double>(fields[first++], rows.Select(r => r.Span?.End).ToArray());
        }
        int labels = table.Columns.LabelColumns.Count;
        for (int i = 0; i < labels; i++)
            await group.WriteAsync(fields[first + i], rows.Select(r => r.Labels?[i]).ToArray()!);
        for (int i = 0; i < table.Columns.ValueColumns.Count; i++)
            await group.WriteAsync<float>(fields[first + labels + i], rows.Select(r => r.Values is null ? (float?)null : r.Values[i]).ToArray());
        group.CompleteValidate();
    }

    private static async Task<ResultTable> ReadAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var fields = reader.Schema.GetDataFields();
        var columns = ResultTable.ColumnsOf([.. fields.Select(f => f.Name)], path);
        int labels = columns.LabelColumns.Count, values = columns.ValueColumns.Count;
        var rows = new List<ScoreRow>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            int n = checked((int)group.RowCount);
            var index = new long[n];
            var paths = new string[n];
            var errors = new string[n];
            var windows = new int[n];
            await group.ReadAsync<long>(fields[0], index);
            await group.ReadAsync(fields[1], paths);
            await group.ReadAsync(fields[2], errors);
            await group.ReadAsync<int>(fields[3], windows);
            int first = 4;
            var (number, start, end) = (new long?[n], new double?[n], new double?[n]);
            if (columns.Timeline)
            {
                await group.ReadAsync<long>(fields[first++], number);
                await group.ReadAsync<double>(fields[first++], start);
                await group.ReadAsync<double>(fields[first++], end);
            }
            var labelColumns = new string[labels][];
            for (int i = 0; i < labels; i++) await group.ReadAsync(fields[first + i], labelColumns[i] = new string[n]);
            var valueColumns = new float?[values][];
            for (int i = 0; i < values; i++) await group.ReadAsync<float>(fields[first + labels + i], valueColumns[i] = new float?[n]);
            for (int r = 0; r < n; r++)
            {
                bool failed = errors[r] is not null;
                T Value<T>(T? v) where T : struct => v ?? throw new InvalidDataException($"{path}: row {index[r]} has an empty value");
                rows.Add(new ScoreRow(index[r], paths[r], errors[r], windows[r],
                    failed ? null : [.. labelColumns.Select(c => c[r])],
                    failed ? null : [.. valueColumns.Select(c => Value(c[r]))],
                    columns.Timeline && !failed ? new WindowSpan(Value(number[r]), Value(start[r]), Value(end[r])) : null));
            }
        }
        return new ResultTable(columns, rows);
    }
}
