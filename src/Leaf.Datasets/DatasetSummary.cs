using System.Globalization;
using System.Text;

namespace Leaf.Datasets;

/// <summary>What a dataset holds: files per class and split, audio duration per split, and how many files were skipped.</summary>
/// <param name="Source">The dataset folder or manifest.</param>
/// <param name="Classes">One row per class, in label order.</param>
/// <param name="Duration">Total audio duration per split (from the index pass).</param>
/// <param name="Skipped">Number of files left out (see <see cref="AudioDataset.Skipped"/>).</param>
/// <param name="ExplicitSplit">Whether the split came from the folder layout or manifest (else it was drawn).</param>
public sealed record DatasetSummary(string Source, IReadOnlyList<ClassCounts> Classes, IReadOnlyDictionary<DatasetSplit, TimeSpan> Duration, int Skipped, bool ExplicitSplit)
{
    /// <summary>Column sums over all classes.</summary>
    public ClassCounts Totals => new("total", Classes.Sum(c => c.Train), Classes.Sum(c => c.Valid), Classes.Sum(c => c.Test));

    /// <summary>A plain-text table: a title line, one row per class, a total row and the duration per split (h:mm:ss).</summary>
    public override string ToString()
    {
        string Row(string label, object train, object valid, object test, object total) =>
            string.Format(CultureInfo.InvariantCulture, "{0}  {1,8}  {2,8}  {3,8}  {4,8}", label.PadRight(Width), train, valid, test, total);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Source}: {Classes.Count} classes, {Totals.Total} files ({(ExplicitSplit ? "given split" : "drawn split")}), {Skipped} skipped");
        text.AppendLine(Row("label", "train", "valid", "test", "total"));
        foreach (ClassCounts c in Classes.Append(Totals)) text.AppendLine(Row(c.Label, c.Train, c.Valid, c.Test, c.Total));
        string Length(TimeSpan t) => FormattableString.Invariant($"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}");
        TimeSpan Of(DatasetSplit s) => Duration.GetValueOrDefault(s);
        text.Append(Row("h:mm:ss", Length(Of(DatasetSplit.Train)), Length(Of(DatasetSplit.Valid)), Length(Of(DatasetSplit.Test)),
            Length(Of(DatasetSplit.Train) + Of(DatasetSplit.Valid) + Of(DatasetSplit.Test))));
        return text.ToString();
    }

    private int Width => Math.Max(7, Classes.Select(c => c.Label.Length).DefaultIfEmpty(0).Max());
}
