namespace Leaf.Scoring;

/// <summary>Combines the result files of the shards of one run into the file a single unsharded run writes.</summary>
public static class ResultMerger
{
    /// <summary>Reads <paramref name="parts"/> (CSV or Parquet, mixed), checks they share columns and no row (input index, and window in a timeline) twice, and writes all rows sorted by them to <paramref name="output"/>.</summary>
    /// <returns>Rows written.</returns>
    /// <exception cref="ArgumentException">No part, or an unsupported output extension.</exception>
    /// <exception cref="InvalidDataException">Parts with other columns, or the same file in two parts.</exception>
    public static int Merge(string output, IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("nothing to merge: give the shard result files");
        ResultFile.RequireSupported(output);
        ScoreColumns? columns = null;
        var rows = new SortedDictionary<(long Index, long Window), ScoreRow>();
        foreach (string part in parts)
        {
            if (!File.Exists(part)) throw new FileNotFoundException($"{part}: result file not found", part);
            var table = ResultFile.Read(part);
            if (columns is null) columns = table.Columns;
            else columns.RequireHeader(table.Columns.Header, part);
            foreach (var row in table.Rows)
                if (!rows.TryAdd(row.Key, row))
                    throw new InvalidDataException($"{part}: row {row.Index} ({row.Path}) is also in another part; merge the shards of one run only");
        }
        ResultFile.Write(output, new ResultTable(columns!, [.. rows.Values]));
        return rows.Count;
    }
}
