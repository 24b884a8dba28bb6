using Leaf.Tests;

namespace Leaf.Datasets.Tests;

/// <summary>Datasets read from a CSV manifest, and the CSV reader itself.</summary>
public class DataCsvTests
{
    [Fact]
    public void ManifestWithHeaderQuotesAndSplitsIsReadAsGiven()
    {
        using var files = new DataTestFiles();
        files.Tone("audio/a, first.wav");
        files.Tone("audio/b.wav");
        files.Tone("audio/c.wav");
        string csv = files.Text("lists/manifest.csv",
            "path,label,speaker,split\r\n\"../audio/a, first.wav\",\"big \"\"cat\"\"\",s1,train\r\n\r\n../audio/b.wav, dog ,s2,valid\r\n../audio/c.wav,dog,s3,TEST\r\n");

        AudioDataset dataset = AudioDataset.Load(csv);

        Assert.True(dataset.ExplicitSplit);
        Assert.Equal(["big \"cat\"", "dog"], dataset.Labels);
        Assert.Equal(3, dataset.Items.Count);
        Assert.Equal(files.PathOf("audio/a, first.wav"), dataset.Items[0].Path);
        Assert.Equal([DatasetSplit.Train, DatasetSplit.Valid, DatasetSplit.Test], dataset.Items.Select(i => i.Split));
    }

    [Fact]
    public void ManifestWithoutHeaderOrSplitGetsADrawnSplit()
    {
        using var files = new DataTestFiles();
        var lines = new List<string>();
        for (int i = 0; i < 6; i++) { files.Tone($"x/{i}.wav"); lines.Add($"x/{i}.wav,{(i % 2 == 0 ? "even" : "odd")}"); }
        string csv = files.Text("m.csv", string.Join('\n', lines));

        AudioDataset dataset = AudioDataset.Load(csv);

        Assert.False(dataset.ExplicitSplit);
        Assert.Equal(["even", "odd"], dataset.Labels);
        Assert.All(dataset.Summary().Classes, c => Assert.Equal((1, 1, 1), (c.Train, c.Valid, c.Test)));
    }

    [Fact]
    public void MissingAndRepeatedFilesAreSkippedWithTheLine()
    {
        using var files = new DataTestFiles();
        files.Tone("a.wav");
        string csv = files.Text("m.csv", "a.wav,yes\nmissing.wav,yes\na.wav,no\n");

        AudioDataset dataset = AudioDataset.Load(csv);

        Assert.Single(dataset.Items);
        Assert.Equal(2, dataset.Skipped.Count);
        Assert.Equal(files.PathOf("missing.wav"), dataset.Skipped[0].Path);
        Assert.Contains("not found (listed on line 2", dataset.Skipped[0].Reason, StringComparison.Ordinal);
        Assert.Contains("listed again on line 3", dataset.Skipped[1].Reason, StringComparison.Ordinal);
        Assert.Contains("first on line 1", dataset.Skipped[1].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.wav,yes,train\nb.wav,yes,holdout\n", "line 2: unknown split 'holdout'")]
    [InlineData("a.wav,yes,train\nb.wav,yes\n", "line 2: either every row names a split or none does")]
    [InlineData("a.wav,yes\n,no\n", "line 2: a row needs a path and a label")]
    [InlineData("a.wav,yes,train,extra\n", "line 1: 4 cells")]
    [InlineData("a.wav,yes\n\"b.wav,no\n", "line 2: a quoted cell is never closed")]
    public void MalformedManifestsNameTheLine(string text, string expected)
    {
        using var files = new DataTestFiles();
        files.Tone("a.wav");
        files.Tone("b.wav");
        string csv = files.Text("m.csv", text);
        var e = Assert.Throws<InvalidDataException>(() => AudioDataset.Load(csv));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvRowsFollowRfc4180()
    {
        var rows = CsvRows.Parse("a, b ,\"c,\"\"d\"\"\"\n\n\"multi\nline\",x\r\nlast,\"\"", "t").ToList();
        Assert.Equal([1, 3, 5], rows.Select(r => r.Line));
        Assert.Equal(["a", "b", "c,\"d\""], rows[0].Cells);
        Assert.Equal(["multi\nline", "x"], rows[1].Cells);
        Assert.Equal(["last", ""], rows[2].Cells);
        Assert.Throws<InvalidDataException>(() => CsvRows.Parse("\"a\"b,c", "t").ToList());
    }
}
