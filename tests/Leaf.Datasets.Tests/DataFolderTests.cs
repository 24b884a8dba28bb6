using Leaf.Tests;

namespace Leaf.Datasets.Tests;

/// <summary>Datasets read from folders: layouts, drawn and given splits, skipped files, the summary.</summary>
public class DataFolderTests
{
    [Fact]
    public void FlatFolderGetsADrawnStratifiedSplit()
    {
        using var files = new DataTestFiles();
        foreach (string label in new[] { "dog", "cat", "bird" })
            for (int i = 0; i < 10; i++) files.Tone($"{label}/{i}.wav");
        files.Tone("cat/nested/deeper.wav"); // recursive
        files.Text("README.txt", "top-level files are ignored");

        AudioDataset dataset = AudioDataset.Load(files.Root);

        Assert.Equal(["bird", "cat", "dog"], dataset.Labels);
        Assert.False(dataset.ExplicitSplit);
        Assert.Empty(dataset.Skipped);
        Assert.Equal(31, dataset.Items.Count);
        Assert.Equal(dataset.Items.Select(i => i.Key).Order(StringComparer.Ordinal), dataset.Items.Select(i => i.Key));
        Assert.Contains(dataset.Items, i => i.Key == "cat/nested/deeper.wav" && dataset.Labels[i.Label] == "cat");
        Assert.All(dataset.Items, i => Assert.Equal(16000, i.Info.SampleRate));

        // Splits partition the items, with the stratified counts per class.
        var all = Enum.GetValues<DatasetSplit>().SelectMany(dataset.IndicesOf).ToList();
        Assert.Equal(Enumerable.Range(0, 31), all.Order());
        DatasetSummary summary = dataset.Summary();
        Assert.Equal(new ClassCounts("cat", 9, 1, 1), summary.Classes[1]);
        Assert.Equal(new ClassCounts("dog", 8, 1, 1), summary.Classes[2]);
        Assert.Equal(31, summary.Totals.Total);

        // The same files and seed give the same split; another seed another one.
        Assert.Equal(dataset.Items.Select(i => i.Split), AudioDataset.Load(files.Root).Items.Select(i => i.Split));
        Assert.NotEqual(dataset.Items.Select(i => i.Split), AudioDataset.Load(files.Root, new DatasetOptions { Seed = 9 }).Items.Select(i => i.Split));
    }

    [Fact]
    public void SplitFoldersAreKept()
    {
        using var files = new DataTestFiles();
        files.Tone("train/a/1.wav");
        files.Tone("train/a/2.wav");
        files.Tone("train/b/1.wav");
        files.Tone("validation/a/1.wav");
        files.Tone("test/c/1.wav"); // a class only in test still gets a label

        AudioDataset dataset = AudioDataset.Load(files.Root);

        Assert.True(dataset.ExplicitSplit);
        Assert.Equal(["a", "b", "c"], dataset.Labels);
        Assert.Equal(["train/a/1.wav", "train/a/2.wav", "train/b/1.wav"], dataset.IndicesOf(DatasetSplit.Train).Select(i => dataset.Items[i].Key));
        Assert.Equal(["validation/a/1.wav"], dataset.IndicesOf(DatasetSplit.Valid).Select(i => dataset.Items[i].Key));
        Assert.Equal(["test/c/1.wav"], dataset.IndicesOf(DatasetSplit.Test).Select(i => dataset.Items[i].Key));
        Assert.Contains("given split", dataset.Summary().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SplitFoldersMixedWithClassFoldersAreAnError()
    {
        using var files = new DataTestFiles();
        files.Tone("train/a/1.wav");
        files.Tone("dog/1.wav");
        var e = Assert.Throws<InvalidDataException>(() => AudioDataset.Load(files.Root));
        Assert.Contains("train", e.Message, StringComparison.Ordinal);
        Assert.Contains("dog", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableFilesAreReportedWithTheirReasonAndSkipped()
    {
        using var files = new DataTestFiles();
        for (int i = 0; i < 3; i++) files.Tone($"a/{i}.wav");
        string good = files.Tone("b/good.wav");
        string truncated = files.PathOf("b/truncated.wav");
        File.WriteAllBytes(truncated, File.ReadAllBytes(good)[..30]); // cut inside the fmt chunk
        string empty = files.Wav("b/empty.wav", []);                   // a valid header with no samples
        string text = files.Text("b/text.wav", "this is not audio at all\n");
        string notes = files.Text("b/notes.txt", "labels were checked by hand");

        AudioDataset dataset = AudioDataset.Load(files.Root);

        Assert.Equal(4, dataset.Items.Count);
        var reasons = dataset.Skipped.ToDictionary(s => s.Path, s => s.Reason);
        Assert.Equal([empty, notes, text, truncated], reasons.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("truncated", reasons[truncated], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no audio", reasons[empty], StringComparison.Ordinal);
        Assert.Contains("'.txt'", reasons[notes], StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(reasons[text])); // from ffprobe (the file has no WAV magic), or the missing-ffmpeg message
        Assert.Contains("4 skipped", dataset.Summary().ToString(), StringComparison.Ordinal);
        Assert.Contains(truncated, dataset.Skipped.First(s => s.Path == truncated).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeCheckCatchesDamagedSamplesThatTheHeaderCheckLetsThrough()
    {
        using var files = new DataTestFiles();
        for (int i = 0; i < 3; i++) files.Tone($"a/{i}.wav");
        string nan = files.PathOf("a/nan.wav");
        WriteFloatWav(nan, [0.1f, float.NaN, 0.2f]);

        Assert.Empty(AudioDataset.Load(files.Root).Skipped);
        AudioDataset checkedFully = AudioDataset.Load(files.Root, new DatasetOptions { Check = IndexCheck.Decode });
        SkippedFile skipped = Assert.Single(checkedFully.Skipped);
        Assert.Equal(nan, skipped.Path);
        Assert.Contains("NaN", skipped.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AFolderWithoutAnyReadableFileIsAnError()
    {
        using var files = new DataTestFiles();
        files.Text("a/x.wav", "not audio");
        var e = Assert.Throws<InvalidDataException>(() => AudioDataset.Load(files.Root));
        Assert.Contains("no readable audio file", e.Message, StringComparison.Ordinal);
        Assert.Throws<DirectoryNotFoundException>(() => AudioDataset.Load(files.PathOf("missing")));
        Assert.Throws<FileNotFoundException>(() => AudioDataset.Load(files.PathOf("missing.csv")));
    }

    [Fact]
    public void SummaryPrintsOneRowPerClassAndTotals()
    {
        using var files = new DataTestFiles();
        for (int i = 0; i < 4; i++) files.Tone($"yes/{i}.wav", 16000); // 1 s each
        for (int i = 0; i < 3; i++) files.Tone($"no/{i}.wav", 16000);
        string[] lines = AudioDataset.Load(files.Root).Summary().ToString().Split(Environment.NewLine);
        Assert.Contains("2 classes, 7 files", lines[0], StringComparison.Ordinal);
        Assert.Equal(["label", "train", "valid", "test", "total"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["no", "1", "1", "1", "3"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["yes", "2", "1", "1", "4"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["total", "3", "2", "2", "7"], lines[4].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["h:mm:ss", "0:00:03", "0:00:02", "0:00:02", "0:00:07"], lines[5].Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>A mono 32-bit float WAV (IEEE float, format tag 3).</summary>
    private static void WriteFloatWav(string path, float[] samples)
    {
        using var w = new BinaryWriter(File.Create(path));
        w.Write("RIFF"u8); w.Write(36 + samples.Length * 4); w.Write("WAVEfmt "u8);
        w.Write(16); w.Write((short)3); w.Write((short)1); w.Write(16000); w.Write(64000); w.Write((short)4); w.Write((short)32);
        w.Write("data"u8); w.Write(samples.Length * 4);
        foreach (float s in samples) w.Write(s);
    }
}
