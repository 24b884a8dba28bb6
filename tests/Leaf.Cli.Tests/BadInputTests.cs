using System.Text;
using Leaf.Scoring;

namespace Leaf.Cli.Tests;

/// <summary>
/// Hostile but plausible inputs end in one line naming the file (exit 1), never a trace or a hang: models whose labels do
/// not match their outputs, text or truncated models, FIFOs, and unreadable subfolders (an error row; the rest is scored).
/// </summary>
[Collection(ScoringCollection.Name)]
public sealed class BadInputTests(ScoringFixture fixture)
{
    private static void AssertOneLine(int code, string err, string start, string? contains = null)
    {
        Assert.Equal(LeafCli.Failure, code);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(start, line);
        if (contains is not null) Assert.Contains(contains, line);
    }

    [Theory]
    [InlineData("[\"low\",\"mid---high\"]", 2)]
    [InlineData("[\"l\",\"m\",\"h\",\"x123\"]", 4)]
    public void LabelsThatDoNotMatchTheOutputsAreRefusedByEveryCommandThatReadsTheModel(string labels, int count)
    {
        // The labels JSON replaced by one of the same length: the protobuf stays valid, only the metadata lies.
        string dir = fixture.NewFolder(), model = Path.Combine(dir, "tampered.onnx");
        byte[] original = Encoding.UTF8.GetBytes("[\"low\",\"mid\",\"high\"]"), replacement = Encoding.UTF8.GetBytes(labels);
        Assert.Equal(original.Length, replacement.Length);
        byte[] bytes = File.ReadAllBytes(fixture.Model);
        int at = bytes.AsSpan().IndexOf(original);
        Assert.True(at >= 0);
        replacement.CopyTo(bytes, at);
        File.WriteAllBytes(model, bytes);

        string problem = $"has {count} labels in its metadata but output 'logits' has 3 classes";
        string scores = Path.Combine(dir, "r.csv");
        var score = CliBasicsTests.Run("score", "--model", model, "--input", fixture.Audio, "--out", scores);
        AssertOneLine(score.Code, score.Err, $"leaf: {model}: task ", problem);
        Assert.False(File.Exists(scores));
        var predict = CliBasicsTests.Run("predict", "--model", model, fixture.Audio);
        AssertOneLine(predict.Code, predict.Err, $"leaf: {model}: task ", problem);
        var eval = CliBasicsTests.Run("eval", "--model", model, "--data", fixture.Data);
        AssertOneLine(eval.Code, eval.Err, $"leaf: {model}: task ", problem);
        var wrap = CliBasicsTests.Run("mlnet", "wrap", "--model", model, "--out", Path.Combine(dir, "wrapped"));
        AssertOneLine(wrap.Code, wrap.Err, $"leaf: {model}: task ", problem);
    }

    [Fact]
    public void TextAndTruncatedModelsAreOneLineNamingTheFile()
    {
        string dir = fixture.NewFolder(), text = Path.Combine(dir, "text.onnx"), truncated = Path.Combine(dir, "truncated.onnx");
        File.WriteAllText(text, "not a model\n");
        File.WriteAllBytes(truncated, File.ReadAllBytes(fixture.Model)[..4000]);
        foreach (string model in new[] { text, truncated })
        {
            var predict = CliBasicsTests.Run("predict", "--model", model, fixture.Audio);
            AssertOneLine(predict.Code, predict.Err, $"leaf: {model}: not an ONNX model ONNX Runtime can load");
            var score = CliBasicsTests.Run("score", "--model", model, "--input", fixture.Audio, "--out", Path.Combine(dir, "r.csv"));
            AssertOneLine(score.Code, score.Err, $"leaf: {model}: not an ONNX model ONNX Runtime can load");
        }
    }

    [Fact]
    public void AFifoIsRefusedByNameAndSkippedInFolders()
    {
        string dir = fixture.NewFolder(), input = Path.Combine(dir, "in"), fifo = Path.Combine(input, "pipe.wav");
        ScoringFixture.Tone(Path.Combine(input, "tone.wav"), 440, 8000);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo])) mkfifo.WaitForExit();
        var predict = CliBasicsTests.Run("predict", "--model", fixture.Model, fifo);
        AssertOneLine(predict.Code, predict.Err, $"leaf: {fifo}: is a FIFO (named pipe), not a regular file");
        var model = CliBasicsTests.Run("predict", "--model", fifo, input);
        AssertOneLine(model.Code, model.Err, $"leaf: {fifo}: is a FIFO (named pipe), not a regular file");

        string scores = Path.Combine(dir, "r.csv");
        Assert.Equal(0, CliBasicsTests.Run("score", "--model", fixture.Model, "--input", input, "--out", scores).Code);
        Assert.Equal([Path.Combine(input, "tone.wav")], ResultFile.Read(scores).Rows.Select(r => r.Path));
        var featurize = CliBasicsTests.Run("featurize", input, "--out", Path.Combine(dir, "f"), "--kind", "mel");
        Assert.Equal(0, featurize.Code);
        Assert.Equal(["tone.npy"], Directory.GetFiles(Path.Combine(dir, "f")).Select(Path.GetFileName));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void AnUnreadableSubfolderBecomesAnErrorRowAndTheRestIsScored()
    {
        // Run as an unprivileged user (root reads any folder), in a child process.
        string dir = fixture.NewFolder(), input = Path.Combine(dir, "in"), locked = Path.Combine(input, "locked"), output = Path.Combine(dir, "out");
        ScoringFixture.Tone(Path.Combine(input, "a.wav"), 440, 8000);
        ScoringFixture.Tone(Path.Combine(locked, "b.wav"), 440, 8000);
        Directory.CreateDirectory(output);
        File.SetUnixFileMode(output, (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(locked, UnixFileMode.None);
        string[] asNobody = Environment.UserName == "root" ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
        string scores = Path.Combine(output, "r.csv");
        try
        {
            using var child = new LeafProcess(asNobody, "score", "--model", fixture.Model, "--input", input, "--out", scores);
            Assert.Equal(0, child.WaitForExit(TimeSpan.FromMinutes(4)));
        }
        finally { File.SetUnixFileMode(locked, (UnixFileMode)0b111_101_101); }
        var rows = ResultFile.Read(scores).Rows;
        Assert.Equal([Path.Combine(input, "a.wav"), locked], rows.Select(r => r.Path));
        Assert.Null(rows[0].Error);
        Assert.StartsWith("folder could not be listed: ", rows[1].Error);
    }
}
