using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Leaf.Audio;
using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Onnx.Classifiers;
using Leaf.Scoring;
using Leaf.Training.Classifiers;
using static TorchSharp.torch;

namespace Leaf.Cli.Tests;

/// <summary>
/// Event timelines: <c>predict --timeline</c> and <c>score --timeline</c> against <c>predict</c> on each window cut out as
/// its own file, the windows' geometry, CSV and Parquet, resume; <see cref="StreamingClassifier"/> and a piped
/// <c>leaf stream --model</c> against the timeline of the same audio.
/// </summary>
[Collection(ScoringCollection.Name)]
public sealed class TimelineTests(ScoringFixture fixture)
{
    private const int Rate = 16000;

    /// <summary>(window, hop) in seconds: hop &lt; window (overlap), hop &gt; window (gaps), the defaults (the clip, no overlap).</summary>
    [Theory]
    [InlineData("0.75", "0.3")]
    [InlineData("0.4", "0.55")]
    [InlineData(null, null)]
    public void TimelineWindowsScoreAsPredictScoresEachWindowCutOutAsItsOwnFile(string? window, string? hop)
    {
        string dir = fixture.NewFolder();
        string wav = Path.Combine(dir, "long.wav");
        ScoringFixture.Tone(wav, 700, 37_123);
        string csv = Path.Combine(dir, "timeline.csv");
        string[] windowArgs = [.. window is null ? [] : new[] { "--window", window }, .. hop is null ? [] : new[] { "--hop", hop! }];
        var (code, text, err) = CliBasicsTests.Run(["predict", "--model", fixture.Model, wav, "--timeline", .. windowArgs, "--out", csv]);
        Assert.True(code == 0, err);
        var table = ResultFile.Read(csv);
        Assert.True(table.Columns.Timeline);

        int w = window is null ? ScoringFixture.ClipSamples : (int)Math.Round(double.Parse(window, CultureInfo.InvariantCulture) * Rate);
        int h = hop is null ? w : (int)Math.Round(double.Parse(hop, CultureInfo.InvariantCulture) * Rate);
        int expected = (37_123 - w) / h + 1; // complete windows only: the tail after the last one is not scored
        Assert.Equal(expected, table.Rows.Count);
        Assert.Contains($"{expected} rows from 1 files", text);
        float[] samples = AudioFile.Load(wav).Samples;
        for (int i = 0; i < expected; i++)
        {
            var row = table.Rows[i];
            Assert.Equal(new WindowSpan(i, (double)i * h / Rate, (double)(i * h + w) / Rate), row.Span);
            Assert.Equal(ClipWindows.Count(w, ScoringFixture.ClipSamples), row.Windows);
            string cut = Path.Combine(dir, $"window{i}.wav");
            WavWriter.Write(cut, samples.AsSpan(i * h, w), Rate);
            Assert.Equal(PredictedProbabilities(fixture.Model, cut, "task"), row.Values);
            Assert.Equal(ScoringFixture.Labels[Array.IndexOf(row.Values!, row.Values!.Max())], row.Labels![0]);
        }
        Assert.True(table.Rows[^1].Span!.End * Rate <= 37_123);
    }

    [Fact]
    public void ARecordingShorterThanOneWindowIsOneWindowOfItself()
    {
        string dir = fixture.NewFolder();
        string wav = Path.Combine(dir, "short.wav");
        ScoringFixture.Tone(wav, 500, 5000);
        string csv = Path.Combine(dir, "t.csv");
        var (code, _, err) = CliBasicsTests.Run("predict", "--model", fixture.Model, wav, "--timeline", "--window", "0.5", "--out", csv);
        Assert.True(code == 0, err);
        var row = Assert.Single(ResultFile.Read(csv).Rows);
        Assert.Equal(new WindowSpan(0, 0, 5000.0 / Rate), row.Span);
        Assert.Equal(PredictedProbabilities(fixture.Model, wav, "task"), row.Values); // the whole file, zero-padded as predict pads it
    }

    [Fact]
    public void ParquetHoldsTheRowsOfCsvAndTextAndJsonPrintTheSameWindows()
    {
        string dir = fixture.NewFolder();
        string csv = Path.Combine(dir, "t.csv"), parquet = Path.Combine(dir, "t.parquet");
        string[] args = ["predict", "--model", fixture.Model, fixture.Audio, "--timeline", "--window", "0.3", "--hop", "0.2"];
        Assert.Equal(0, CliBasicsTests.Run([.. args, "--out", csv]).Code);
        Assert.Equal(0, CliBasicsTests.Run([.. args, "--out", parquet]).Code);
        var fromCsv = ResultFile.Read(csv);
        var fromParquet = ResultFile.Read(parquet);
        Assert.Equal(fromCsv.Columns.Header, fromParquet.Columns.Header);
        Assert.Equal(["index", "path", "error", "windows", "window", "start_s", "end_s", "label", "p_low", "p_mid", "p_high"], fromCsv.Columns.Header);
        Assert.Equal(fromCsv.Rows.Count, fromParquet.Rows.Count);
        Assert.All(fromCsv.Rows.Zip(fromParquet.Rows), p => Assert.True(p.First.SameAs(p.Second)));

        var (_, json, _) = CliBasicsTests.Run([.. args, "--json", "--top", "1"]);
        var printed = JsonDocument.Parse(json).RootElement.EnumerateArray()
            .SelectMany(f => f.GetProperty("timeline").EnumerateArray().Select(w => (f.GetProperty("path").GetString()!, w.GetProperty("start").GetDouble(),
                w.GetProperty("tasks").GetProperty("task")[0].GetProperty("label").GetString()!))).ToList();
        Assert.Equal(fromCsv.Rows.Select(r => (r.Path, r.Span!.Start, r.Labels![0])), printed);
        var (_, text, _) = CliBasicsTests.Run([.. args, "--top", "1"]);
        Assert.Equal(fromCsv.Rows.Count, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var first = fromCsv.Rows[0];
        Assert.Equal(3000.0 / Rate, first.Span!.End); // clip00 is shorter than a window: one window of itself
        Assert.StartsWith($"{first.Path} 0-0.188 s: {first.Labels![0]} ", text);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("parquet")]
    public void ScoreTimelineIsPredictsTimelinePerFileAndResumes(string format)
    {
        string dir = fixture.NewFolder();
        string predicted = Path.Combine(dir, "predict." + format), scored = Path.Combine(dir, "score." + format), resumed = Path.Combine(dir, "resumed." + format);
        string[] windows = ["--timeline", "--window", "0.6", "--hop", "0.25"];
        Assert.Equal(0, CliBasicsTests.Run(["predict", "--model", fixture.Model, fixture.Audio, .. windows, "--out", predicted]).Code);
        var (code, text, err) = CliBasicsTests.Run(["score", "--model", fixture.Model, "--input", fixture.Audio, .. windows, "--out", scored, "--decoders", "2"]);
        Assert.True(code == 0, err);
        Assert.Contains("12 scored", text);
        var expected = ResultFile.Read(predicted).Rows;
        var rows = ResultFile.Read(scored).Rows;
        Assert.Equal(expected.Count, rows.Count);
        Assert.All(expected.Zip(rows), p => Assert.True(p.First.SameAs(p.Second), $"{p.First} ≠ {p.Second}"));

        // A run that stopped after the first five files: the re-run scores the other seven and writes the same bytes.
        var table = ResultFile.Read(scored);
        ResultFile.Write(resumed, table with { Rows = [.. table.Rows.Where(r => r.Index < 5)] });
        var again = CliBasicsTests.Run(["score", "--model", fixture.Model, "--input", fixture.Audio, .. windows, "--out", resumed]);
        Assert.True(again.Code == 0, again.Err);
        Assert.Contains("7 scored", again.Out);
        Assert.Equal(File.ReadAllBytes(scored), File.ReadAllBytes(resumed));

        var other = CliBasicsTests.Run(["score", "--model", fixture.Model, "--input", fixture.Audio, "--out", scored]); // not a timeline: other columns
        Assert.Equal(LeafCli.Failure, other.Code);
        Assert.Contains("write to a new --out", other.Err);
    }

    [Fact]
    public void PredictOutWithoutTimelineWritesScoresRows()
    {
        string dir = fixture.NewFolder();
        string predicted = Path.Combine(dir, "predict.csv"), scored = Path.Combine(dir, "score.csv");
        Assert.Equal(0, CliBasicsTests.Run("predict", "--model", fixture.Model, fixture.Audio, "--out", predicted).Code);
        Assert.Equal(0, CliBasicsTests.Run("score", "--model", fixture.Model, "--input", fixture.Audio, "--out", scored).Code);
        Assert.False(ResultFile.Read(predicted).Columns.Timeline);
        Assert.Equal(File.ReadAllBytes(scored), File.ReadAllBytes(predicted));
    }

    [Fact]
    public void MultiTaskTimelinesHaveEachTasksColumnsAndStreamPrintsTheChosenTask()
    {
        string dir = fixture.NewFolder();
        string model = Path.Combine(dir, "multi.onnx");
        manual_seed(9);
        using (var module = ClassifierFactory.Create(FrontendDescription.Default(FrontendKind.Mel), new ClassifierOptions { Tasks = [new("pitch", ["low", "high"]), new("kind", ["tone", "noise", "mix"])] }))
        {
            module.eval();
            ClassifierExporter.ExportToFile(module.ToDescription(), model, new ClassifierExportOptions { ClipSamples = ScoringFixture.ClipSamples });
        }
        string wav = Path.Combine(dir, "a.wav"), csv = Path.Combine(dir, "t.csv");
        ScoringFixture.Tone(wav, 900, 30_000);
        var (code, _, err) = CliBasicsTests.Run("predict", "--model", model, wav, "--timeline", "--hop", "0.25", "--out", csv);
        Assert.True(code == 0, err);
        var table = ResultFile.Read(csv);
        Assert.Equal(["pitch_label", "kind_label"], table.Columns.LabelColumns);
        Assert.Equal(["pitch_p_low", "pitch_p_high", "kind_p_tone", "kind_p_noise", "kind_p_mix"], table.Columns.ValueColumns);
        Assert.Equal((30_000 - 8000) / 4000 + 1, table.Rows.Count);

        string[] lines = StreamLines(model, AudioFile.Load(wav).Samples, Rate, "--hop", "0.25", "--task", "kind", "--batch", "8");
        Assert.Equal(table.Rows.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            string[] fields = lines[i].Split(',');
            Assert.Equal(table.Rows[i].Labels![1], fields[2]);
            Assert.Equal(table.Rows[i].Values![2..].Max(), float.Parse(fields[3], CultureInfo.InvariantCulture));
        }
        Assert.Contains("choose one with --task", RunStream(model, new float[100], Rate, []).Err);
    }

    /// <summary>Pieces of any size, overlapping windows, gaps, a short stream: the stream's windows are the timeline's, bit for bit.</summary>
    [Theory]
    [InlineData(8000, 8000, 37_000)]
    [InlineData(12_000, 4800, 37_000)]
    [InlineData(6400, 8800, 37_000)]
    [InlineData(8000, 8000, 3000)]
    public void AStreamingClassifierGivesTheTimelineOfTheWholeSignal(int window, int hop, int length)
    {
        float[] samples = [.. Enumerable.Range(0, length).Select(n => (float)(0.3 * Math.Sin(2 * Math.PI * (300 + n / 30.0) * n / Rate) + 0.02 * Math.Sin(n * 1.3)))];
        var windows = new SlidingWindows(window, hop);
        using var classifier = new OnnxClassifier(fixture.Model, new OnnxClassifierOptions { BatchWindows = 2 });
        var expected = classifier.Timeline(samples, windows);
        var random = new Random(window + hop);
        foreach (int piece in new[] { 1, 160, 4096, 0 })
        {
            var stream = new StreamingClassifier(classifier, windows);
            var got = new List<TimelineWindow>();
            for (int at = 0; at < length;)
            {
                int n = Math.Min(length - at, piece > 0 ? piece : random.Next(1, 9000));
                stream.Push(samples.AsSpan(at, n), w =>
                {
                    Assert.True(w.FirstSample + w.Samples <= at + n); // emitted once its samples have arrived…
                    Assert.True(w.FirstSample + w.Samples > at);      // …and not later than the piece that completes it
                    got.Add(w);
                });
                at += n;
            }
            stream.Complete(got.Add);
            Assert.Equal(expected.Count, got.Count);
            for (int i = 0; i < got.Count; i++)
            {
                Assert.Equal((expected[i].Index, expected[i].FirstSample, expected[i].Samples), (got[i].Index, got[i].FirstSample, got[i].Samples));
                Assert.Equal(expected[i].Score.Tasks[0].Logits, got[i].Score.Tasks[0].Logits);
            }
        }
    }

    /// <summary>A child <c>leaf stream --model</c> fed 16-bit PCM through a pipe prints the labels and probabilities of the timeline of the same samples.</summary>
    [Theory]
    [InlineData(16000)]
    [InlineData(48000)]
    public void StreamFromAPipePrintsTheTimelinesDetections(int inputRate)
    {
        int length = 3 * inputRate + 4321;
        float[] pcm = [.. Enumerable.Range(0, length).Select(n => MathF.Round(32768 * (float)(0.3 * Math.Sin(2 * Math.PI * (250 + 700.0 * n / length) * n / inputRate) + 0.03 * Math.Sin(n * 0.7))) / 32768)];
        string[] lines = StreamLines(fixture.Model, pcm, inputRate, "--window", "0.75", "--hop", "0.3");
        float[] audio = inputRate == Rate ? pcm : PolyphaseResampler.Resample(pcm, inputRate, Rate);
        using var classifier = new OnnxClassifier(fixture.Model, new OnnxClassifierOptions { BatchWindows = 1 });
        var timeline = classifier.Timeline(audio, new SlidingWindows(12_000, 4800));
        Assert.Equal(timeline.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            var task = timeline[i].Score.Tasks[0];
            Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{timeline[i].Start:0.###},{timeline[i].End:0.###},{task.TopLabel},{task.Probabilities[task.TopIndex]:R}"), lines[i]);
        }

        float threshold = timeline.Select(w => w.Score.Tasks[0].Probabilities.Max()).Order().ElementAt(timeline.Count / 2);
        string[] confident = StreamLines(fixture.Model, pcm, inputRate, "--window", "0.75", "--hop", "0.3", "--threshold", threshold.ToString("R", CultureInfo.InvariantCulture));
        Assert.Equal(lines.Where(l => float.Parse(l.Split(',')[3], CultureInfo.InvariantCulture) >= threshold), confident);
        Assert.True(confident.Length < lines.Length);
    }

    [Fact]
    public void WindowOptionsNeedATimelineOrAModel()
    {
        var predict = CliBasicsTests.Run("predict", "--model", fixture.Model, fixture.Audio, "--window", "0.5");
        Assert.Equal(2, predict.Code);
        Assert.Contains("--window applies to timelines: add --timeline", predict.Err);
        var hop = CliBasicsTests.Run("predict", "--model", fixture.Model, fixture.Audio, "--timeline", "--hop", "0");
        Assert.Equal(2, hop.Code);
        Assert.Contains("--hop", hop.Err);
        Assert.Contains("--threshold applies to detections: add --model", RunStream(null, new float[10], Rate, ["--threshold", "0.5"]).Err);
    }

    // The probabilities `predict --json` gives a file, in label order.
    private static float[] PredictedProbabilities(string model, string file, string task)
    {
        var (code, json, err) = CliBasicsTests.Run("predict", "--model", model, "--json", "--top", "1000", file);
        Assert.True(code == 0, err);
        var top = JsonDocument.Parse(json).RootElement[0].GetProperty("tasks").GetProperty(task).EnumerateArray()
            .ToDictionary(p => p.GetProperty("label").GetString()!, p => p.GetProperty("probability").GetSingle());
        return [.. ScoringFixture.Labels.Select(l => top[l])];
    }

    private static string[] StreamLines(string model, float[] samples, int rate, params string[] args)
    {
        var (code, output, err) = RunStream(model, samples, rate, args);
        Assert.True(code == 0, err);
        Assert.Contains("real-time factor", err);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    // `leaf stream` in a child process: 16-bit PCM written into its standard input in 1000-byte pieces, read 333 samples at a time.
    private static (int Code, string Out, string Err) RunStream(string? model, float[] samples, int rate, string[] args)
    {
        var bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
            BitConverter.TryWriteBytes(bytes.AsSpan(2 * i), (short)Math.Clamp(Math.Round(samples[i] * 32768), short.MinValue, short.MaxValue));
        string dll = Path.Combine(Path.GetDirectoryName(typeof(LeafCli).Assembly.Location)!, "leaf.dll");
        string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        string[] modelArgs = model is null ? [] : ["--model", model];
        using var process = Process.Start(new ProcessStartInfo(host, [dll, "stream", .. modelArgs, "--input", "s16le", "--rate", rate.ToString(CultureInfo.InvariantCulture), "--block", "333", .. args])
        { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            for (int at = 0; at < bytes.Length; at += 1000) process.StandardInput.BaseStream.Write(bytes, at, Math.Min(1000, bytes.Length - at));
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // the command may stop reading when it refuses its arguments
        }
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
