using System.Text.Json;
using Leaf.Scoring;

namespace Leaf.Cli.Tests;

[Collection(ScoringCollection.Name)]
public sealed class ScoreCommandTests(ScoringFixture fixture)
{
    [Fact]
    public void ScoreRowsEqualPerFilePredictions()
    {
        string result = Path.Combine(fixture.NewFolder(), "r.csv");
        var (code, output, err) = CliBasicsTests.Run("score", "--model", fixture.Model, "--input", fixture.Audio, "--out", result, "--batch", "5");  // the same batch as predict below: values are bit-identical for a given batch size
        Assert.True(code == 0, err);
        Assert.Contains("12 scored, 0 failed", output);
        var table = ResultFile.Read(result);
        Assert.Equal(["index", "path", "error", "windows", "label", "p_low", "p_mid", "p_high"], table.Columns.Header);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), table.Rows.Select(r => r.Index));

        var (predictCode, json, predictErr) = CliBasicsTests.Run("predict", "--model", fixture.Model, "--json", "--top", "3", "--batch", "5", fixture.Audio);
        Assert.True(predictCode == 0, predictErr);
        var predictions = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(12, predictions.Count);
        foreach (var (row, p) in table.Rows.Zip(predictions))
        {
            Assert.Equal(p.GetProperty("path").GetString(), row.Path);
            Assert.Equal(p.GetProperty("windows").GetInt32(), row.Windows);
            var top = p.GetProperty("tasks").GetProperty("task").EnumerateArray().ToList();
            Assert.Equal(top[0].GetProperty("label").GetString(), row.Labels![0]);
            // Windows batched with other files' windows give the same probabilities as the file scored alone, bit for bit.
            foreach (var entry in top)
                Assert.Equal(entry.GetProperty("probability").GetSingle(), row.Values![Array.IndexOf(ScoringFixture.Labels, entry.GetProperty("label").GetString())]);
        }
    }

    [Fact]
    public void ShardsMergedEqualOneRunByteForByte()
    {
        string dir = fixture.NewFolder();
        foreach (string ext in new[] { "csv", "parquet" })
        {
            string single = Path.Combine(dir, $"all.{ext}");
            Assert.Equal(0, CliBasicsTests.Run("score", "--model", fixture.Model, "--input", fixture.Audio, "--out", single, "--embeddings").Code);
            var parts = new List<string>();
            for (int s = 0; s < 3; s++)
            {
                string part = Path.Combine(dir, $"shard{s}.{ext}");
                var (code, output, err) = CliBasicsTests.Run("score", "--model", fixture.Model, "--input", fixture.Audio, "--out", part, "--embeddings", "--shard", $"{s}/3");
                Assert.True(code == 0, err);
                Assert.Contains($"4 files in shard {s}/3 of 12", output);
                parts.Add(part);
            }
            string merged = Path.Combine(dir, $"merged.{ext}");
            var (mergeCode, mergeOut, mergeErr) = CliBasicsTests.Run(["score", "merge", "--out", merged, .. parts]);
            Assert.True(mergeCode == 0, mergeErr);
            Assert.Contains("12 rows from 3 files", mergeOut);
            Assert.Equal(File.ReadAllBytes(single), File.ReadAllBytes(merged));
        }
        // A CSV and the Parquet file of the same run hold the same rows.
        var csv = ResultFile.Read(Path.Combine(dir, "all.csv"));
        var parquet = ResultFile.Read(Path.Combine(dir, "all.parquet"));
        Assert.Equal(csv.Columns.Header, parquet.Columns.Header);
        Assert.Equal(ScoringFixture.Labels.Length + 4 + 1 + fixture.Description.EmbeddingSize, csv.Columns.Header.Count);
        Assert.All(csv.Rows.Zip(parquet.Rows), p => Assert.True(p.First.SameAs(p.Second)));
    }

    [Fact]
    public async Task CancelledRunResumesToTheIdenticalFile()
    {
        string dir = fixture.NewFolder();
        ScoringOptions Options(string output) => new()
        {
            Model = fixture.Model, Input = fixture.Audio, Output = output, DecodeWorkers = 1, QueueCapacity = 1,
            Classifier = new() { BatchWindows = 2 },
        };
        string reference = Path.Combine(dir, "reference.csv");
        await ScoringPipeline.RunAsync(Options(reference));

        string interrupted = Path.Combine(dir, "interrupted.csv");
        using var cancel = new CancellationTokenSource();
        var stopAfterFour = new CancelAt(4, cancel);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ScoringPipeline.RunAsync(Options(interrupted), stopAfterFour, cancel.Token));
        int kept = ResultFile.Read(interrupted).Rows.Count;
        Assert.InRange(kept, 4, 11);                                     // the rows done were written before giving up
        Assert.DoesNotContain(Directory.GetFiles(dir), f => Path.GetFileName(f).StartsWith('.'));

        var summary = await ScoringPipeline.RunAsync(Options(interrupted));
        Assert.Equal(kept, summary.Resumed);
        Assert.Equal(12 - kept, summary.Scored);
        Assert.Equal(File.ReadAllBytes(reference), File.ReadAllBytes(interrupted));
    }

    [Fact]
    public async Task TheOutputIsFlushedWhileScoringAndIsAlwaysAWholeFile()
    {
        string output = Path.Combine(fixture.NewFolder(), "r.parquet");
        var seen = new List<int>();
        var watch = new Watch(() => { if (File.Exists(output)) seen.Add(ResultFile.Read(output).Rows.Count); });
        await ScoringPipeline.RunAsync(new ScoringOptions
        {
            Model = fixture.Model, Input = fixture.Audio, Output = output, DecodeWorkers = 1, QueueCapacity = 1,
            Classifier = new() { BatchWindows = 1 }, FlushInterval = TimeSpan.Zero,
        }, watch);
        Assert.Contains(seen, n => n is > 0 and < 12);                   // partial files were readable mid-run
        Assert.Equal(seen.Order(), seen);                                 // and only grew
        Assert.Equal(12, ResultFile.Read(output).Rows.Count);
    }

    [Fact]
    public void CorruptFilesBecomeErrorRowsAndScoringGoesOn()
    {
        string dir = fixture.NewFolder();
        string input = Path.Combine(dir, "in");
        ScoringFixture.Tone(Path.Combine(input, "good1.wav"), 440, 9000);
        ScoringFixture.Tone(Path.Combine(input, "good2.wav"), 2000, 4000);
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "broken.wav"), "this is not a RIFF file");
        var truncated = File.ReadAllBytes(Path.Combine(input, "good1.wav"))[..30];
        File.WriteAllBytes(Path.Combine(input, "truncated.wav"), truncated);
        string result = Path.Combine(dir, "r.csv");

        var (code, output, err) = CliBasicsTests.Run("score", "--model", fixture.Model, "--input", input, "--out", result);
        Assert.True(code == 0, err);
        Assert.Contains("2 scored, 2 failed", output);
        var rows = ResultFile.Read(result).Rows;
        Assert.Equal(["broken.wav", "good1.wav", "good2.wav", "truncated.wav"], rows.Select(r => Path.GetFileName(r.Path)));
        Assert.All(rows.Where(r => r.Path.Contains("good")), r => Assert.Null(r.Error));
        Assert.All(rows.Where(r => !r.Path.Contains("good")), r => { Assert.False(string.IsNullOrWhiteSpace(r.Error)); Assert.Null(r.Values); });
        string text = File.ReadAllText(result);
        Assert.Contains("broken.wav", text);

        // Resuming keeps the error rows; --fail-on-error turns them into exit code 1.
        var again = CliBasicsTests.Run("score", "--model", fixture.Model, "--input", input, "--out", result, "--fail-on-error");
        Assert.Equal(LeafCli.Failure, again.Code);
        Assert.Contains("0 scored, 0 failed, 4 already done (2 error rows in the output)", again.Out);
        Assert.Equal(text, File.ReadAllText(result));
    }

    [Fact]
    public void ManifestInputResolvesPathsAgainstItsFolderAndKeepsItsOrder()
    {
        string dir = fixture.NewFolder();
        string manifest = Path.Combine(dir, "list.csv");
        File.WriteAllText(manifest, $"label,path\nx,{Path.Combine(fixture.Audio, "b/c/clip03.wav")}\ny,../audio/a/clip00.wav\n");
        string result = Path.Combine(dir, "r.csv");
        var (code, _, err) = CliBasicsTests.Run("score", "--model", fixture.Model, "--input", manifest, "--out", result);
        Assert.True(code == 0, err);
        var rows = ResultFile.Read(result).Rows;
        Assert.Equal(["clip03.wav", "clip00.wav"], rows.Select(r => Path.GetFileName(r.Path)));
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public void CudaOnTheCpuBuildFailsAtOnceSayingSo()
    {
        string result = Path.Combine(fixture.NewFolder(), "r.csv");
        var (code, _, err) = CliBasicsTests.Run("score", "--model", fixture.Model, "--input", fixture.Audio, "--out", result, "--device", "cuda");
        Assert.Equal(LeafCli.Failure, code);
        Assert.Contains("CUDAExecutionProvider", err);
        Assert.Contains("-p:LeafGpu=true", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(result));
        var predict = CliBasicsTests.Run("predict", "--model", fixture.Model, "--device", "cuda:1", fixture.Audio);
        Assert.Equal(LeafCli.Failure, predict.Code);
        Assert.Contains("cuda:1", predict.Err);
    }

    [Theory]
    [InlineData("--model", "missing.onnx", "missing.onnx: model not found")]
    [InlineData("--input", "no-such-folder", "no-such-folder: no such folder or manifest")]
    public void BadArgumentsGiveOneLineErrors(string option, string value, string message)
    {
        string dir = fixture.NewFolder();
        var args = new Dictionary<string, string> { ["--model"] = fixture.Model, ["--input"] = fixture.Audio, ["--out"] = Path.Combine(dir, "r.csv") };
        args[option] = option is "--out" or "--model" or "--input" ? Path.Combine(dir, value) : value;
        var (code, _, err) = CliBasicsTests.Run(["score", .. args.SelectMany(a => new[] { a.Key, a.Value })]);
        Assert.Equal(LeafCli.Failure, code);
        Assert.Contains(message, err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void ResumingIntoAnotherModelsOutputOrMergingOverlapsIsRefused()
    {
        string dir = fixture.NewFolder();
        string result = Path.Combine(dir, "r.csv");
        Assert.Equal(0, CliBasicsTests.Run("score", "--model", fixture.Model, "--input", fixture.Audio, "--out", result).Code);
        var embeddings = CliBasicsTests.Run("score", "--model", fixture.Model, "--input", fixture.Audio, "--out", result, "--embeddings");
        Assert.Equal(LeafCli.Failure, embeddings.Code);
        Assert.Contains("write to a new --out", embeddings.Err);
        var shard = CliBasicsTests.Run("score", "--model", fixture.Model, "--input", fixture.Audio, "--out", result, "--shard", "1/2");
        Assert.Contains("is not a file of this input and shard", shard.Err);
        var merge = CliBasicsTests.Run("score", "merge", "--out", Path.Combine(dir, "m.csv"), result, result);
        Assert.Contains("is also in another part", merge.Err);
        Assert.Equal(LeafCli.UsageError, CliBasicsTests.Run("score", "merge", "--out", Path.Combine(dir, "m.csv")).Code);
    }

    [Fact]
    public void ShardsComeFromKubernetesOrSlurmVariables()
    {
        static Func<string, string?> Env(params (string, string)[] vars) => n => vars.FirstOrDefault(v => v.Item1 == n).Item2;
        Assert.Null(ShardSpec.FromEnvironment(Env()));
        Assert.Equal(new ShardSpec(2, 5), ShardSpec.FromEnvironment(Env(("JOB_COMPLETION_INDEX", "2"), ("LEAF_SHARD_COUNT", "5"))));
        Assert.Equal(new ShardSpec(0, 4), ShardSpec.FromEnvironment(Env(("SLURM_ARRAY_TASK_ID", "1"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
        Assert.Contains("LEAF_SHARD_COUNT is not", Assert.Throws<ArgumentException>(() => ShardSpec.FromEnvironment(Env(("JOB_COMPLETION_INDEX", "0")))).Message);
        // Round robin: every file in exactly one shard, shard sizes differ by at most one.
        var sizes = Enumerable.Range(0, 3).Select(s => Enumerable.Range(0, 11).Count(i => new ShardSpec(s, 3).Contains(i))).ToArray();
        Assert.Equal([4, 4, 3], sizes);
    }

    private sealed class Watch(Action onReport) : IProgress<ScoringProgress>
    {
        public void Report(ScoringProgress value) => onReport();
    }

    private sealed class CancelAt(int files, CancellationTokenSource cancel) : IProgress<ScoringProgress>
    {
        public void Report(ScoringProgress value)
        {
            if (value.Done >= files) cancel.Cancel();
        }
    }
}
