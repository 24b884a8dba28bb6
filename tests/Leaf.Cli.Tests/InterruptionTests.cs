using Leaf.Audio;
using Leaf.Scoring;

namespace Leaf.Cli.Tests;

/// <summary>
/// SIGINT and SIGTERM on real child processes: the long commands save what they finished, say how far they got and how
/// to resume, exit 130 or 143, and a rerun ends with the file an uninterrupted run writes. A second writer of the same
/// output fails at once.
/// </summary>
[Collection(ScoringCollection.Name)]
public sealed class InterruptionTests(ScoringFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    // Enough 4 s files that scoring takes a while after the first progress line.
    private string ManyFiles()
    {
        string dir = Path.Combine(fixture.Root, "many");
        if (!Directory.Exists(dir))
            for (int i = 0; i < 400; i++) ScoringFixture.Tone(Path.Combine(dir, $"f{i:D3}.wav"), 150 + 7 * i, 64000);
        return dir;
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public void ScoreSavesTheFinishedRowsOnASignalAndARerunResumesToTheIdenticalFile(string signal, int exitCode)
    {
        string input = ManyFiles(), dir = fixture.NewFolder();
        string output = Path.Combine(dir, "scores.csv"), reference = Path.Combine(dir, "reference.csv");
        string[] Args(string o) => ["score", "--model", fixture.Model, "--input", input, "--out", o, "--decoders", "1", "--flush-seconds", "1000"];

        using (var child = new LeafProcess(Args(output)))
        {
            Assert.True(child.WaitForOutput(o => System.Text.RegularExpressions.Regex.IsMatch(o, @"score [1-9]\d*/400"), Limit), child.Output + child.Error);
            // Stopped mid-run, so that a fast machine cannot finish the 400 files during the check below.
            child.Signal("STOP");
            // Meanwhile a second writer of the same output is refused at once, naming it.
            var (code, _, err) = CliBasicsTests.Run(Args(output));
            Assert.Equal(LeafCli.Failure, code);
            Assert.Contains($"{output}: another process is writing it", err);

            child.Signal(signal); // pending while stopped, delivered on CONT
            child.Signal("CONT");
            Assert.Equal(exitCode, child.WaitForExit(Limit));
            Assert.Contains($"leaf: interrupted by SIG{signal}: ", child.Error);
            Assert.Contains($"{output} holds every finished row: run the same command again to resume", child.Error);
        }
        int kept = ResultFile.Read(output).Rows.Count;
        Assert.InRange(kept, 1, 399); // rows were flushed on the signal, although no periodic flush was due

        Assert.Equal(0, CliBasicsTests.Run(Args(reference)).Code);
        var resumed = CliBasicsTests.Run(Args(output));
        Assert.Equal(0, resumed.Code);
        Assert.Contains($"{kept} already done", resumed.Out);
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(output));
    }

    [Fact]
    public void FeaturizeStopsBetweenFilesOnSigtermAndSaysHowFarItGot()
    {
        string output = Path.Combine(fixture.NewFolder(), "features");
        using var child = new LeafProcess("featurize", ManyFiles(), "--out", output, "--kind", "mel");
        Assert.True(child.WaitForOutput(o => o.Contains(".npy", StringComparison.Ordinal), Limit), child.Output + child.Error);
        child.Signal("TERM");
        Assert.Equal(143, child.WaitForExit(Limit));
        var match = System.Text.RegularExpressions.Regex.Match(child.Error, @"leaf: interrupted by SIGTERM: (\d+) of 400 files written to .*: run the same command again to write them all");
        Assert.True(match.Success, child.Error);
        int written = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(written, 1, 399);
        Assert.Equal(written, Directory.GetFiles(output, "*.npy").Length); // whole files only: each is written atomically
        Assert.Empty(Directory.GetFiles(output, ".*"));                    // no temporary or lock file left
    }

    [Fact]
    public void TrainKeepsTheLastCheckpointIntactOnSigintAndResumesFromIt()
    {
        string run = Path.Combine(fixture.NewFolder(), "run"), last = Path.Combine(run, "last.ckpt");
        string[] args = ["train", "--data", fixture.Data, "--out", run, "--frontend", "mel", "--epochs", "100000", "--batch", "4", "--clip-seconds", "0.5", "--seed", "1"];
        using (var child = new LeafProcess(args))
        {
            Assert.True(child.WaitForOutput(_ => File.Exists(last), Limit), child.Output + child.Error);
            child.Signal("INT");
            Assert.Equal(130, child.WaitForExit(Limit));
            Assert.Contains($"leaf: interrupted by SIGINT: {last} holds the last finished epoch, intact: run the same command with --resume to continue from it", child.Error);
        }
        // The checkpoint is whole: a resumed run with a reachable budget starts from it and finishes.
        var resumed = CliBasicsTests.Run([.. args[..^8], "--epochs", "1", "--batch", "4", "--clip-seconds", "0.5", "--seed", "1", "--resume"]);
        Assert.Equal(0, resumed.Code);
        Assert.DoesNotContain("starts from scratch", resumed.Out);
        Assert.True(File.Exists(Path.Combine(run, "model.onnx")));
    }
}
