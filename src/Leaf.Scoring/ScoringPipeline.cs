using System.Diagnostics;
using System.Threading.Channels;
using Leaf.Audio;
using Leaf.Onnx.Classifiers;

namespace Leaf.Scoring;

/// <summary>
/// Scores a collection with one <see cref="OnnxClassifier"/>: decoder threads load files into a bounded channel
/// (back-pressure: at most <see cref="ScoringOptions.QueueCapacity"/> decoded files wait), the calling thread takes
/// them in groups whose windows fill whole batches of <see cref="OnnxClassifierOptions.BatchWindows"/> (or up to eight
/// batches) and scores each group in batched runs. The result file is rewritten (temporary file + rename) every <see cref="ScoringOptions.FlushInterval"/>, on
/// cancellation and at the end, always sorted by input index, so a resumed run ends with the same bytes as an
/// uninterrupted one. Files that cannot be decoded become error rows. With <see cref="ScoringOptions.Timeline"/>, each
/// file gives one row per timeline window (<see cref="OnnxClassifier.Timeline"/>), all written together.
/// </summary>
public static class ScoringPipeline
{
    private sealed record Decoded(ScoringInput Input, float[]? Samples, string? Error);

    /// <summary>Runs the scoring described by <paramref name="options"/>.</summary>
    /// <exception cref="FileNotFoundException">The model or the input does not exist.</exception>
    /// <exception cref="InvalidDataException">The existing output belongs to another model, input or shard.</exception>
    /// <exception cref="NotSupportedException">The execution provider is not in this build.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the rows finished so far were written.</exception>
    public static async Task<ScoringSummary> RunAsync(ScoringOptions options, IProgress<ScoringProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.DecodeWorkers, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.QueueCapacity, nameof(options));
        ResultFile.RequireSupported(options.Output);
        if (!File.Exists(options.Model)) throw new FileNotFoundException($"{options.Model}: model not found", options.Model);
        var watch = Stopwatch.StartNew();
        using var classifier = new OnnxClassifier(options.Model, options.Classifier);
        var columns = ScoreColumns.For(classifier.Info, classifier.EmbeddingSize, timeline: options.Timeline is not null);
        var timeline = options.Timeline?.Resolve(classifier.Info);
        var inputs = ScoringInputs.List(options.Input);
        var shard = inputs.Where(i => options.Shard.Contains(i.Index)).ToList();
        var rows = ResumedRows(options.Output, columns, shard);
        var done = rows.Keys.Select(k => k.Index).ToHashSet();
        int resumed = done.Count;
        var todo = shard.Where(i => !done.Contains(i.Index)).ToList();

        var channel = Channel.CreateBounded<Decoded>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var decoders = StartDecoders(todo, classifier.SampleRate, options.DecodeWorkers, channel.Writer, stop.Token);
        int scored = 0, failed = 0;
        double audioSeconds = 0;
        var lastFlush = Stopwatch.StartNew();
        void Flush() => ResultFile.Write(options.Output, new ResultTable(columns, [.. rows.Values]));
        var group = new List<Decoded>();
        int groupWindows = 0, batch = options.Classifier.BatchWindows;
        // A file is scored whole, or in its timeline's windows: the pieces of all files of a group share batched runs.
        IEnumerable<(long Start, int Length)> Pieces(float[] samples) => timeline is null ? [(0, samples.Length)]
            : Enumerable.Range(0, (int)timeline.Count(samples.Length)).Select(w => (timeline.Start(w), timeline.Length(w, samples.Length)));
        void ScoreGroup()
        {
            var pieces = group.Select(g => Pieces(g.Samples!).ToList()).ToList();
            var scores = classifier.Score([.. group.SelectMany((g, f) => pieces[f].Select(p => new ReadOnlyMemory<float>(g.Samples, (int)p.Start, p.Length)))]);
            int next = 0;
            for (int f = 0; f < group.Count; f++)
                for (int w = 0; w < pieces[f].Count; w++, next++)
                {
                    var row = timeline is null ? ScoreColumns.Row(group[f].Input, scores[next])
                        : ScoreColumns.Row(group[f].Input, new TimelineWindow(w, pieces[f][w].Start, pieces[f][w].Length, classifier.SampleRate, scores[next]));
                    rows[row.Key] = row;
                }
            scored += group.Count;
            audioSeconds += group.Sum(g => (double)g.Samples!.Length) / classifier.SampleRate;
            (group, groupWindows) = ([], 0);
        }
        void Tick() // after each file taken (the queue may never run dry): cancellation, progress, a flush when one is due
        {
            stop.Token.ThrowIfCancellationRequested();
            progress?.Report(new ScoringProgress(scored + failed, todo.Count, audioSeconds));
            if (lastFlush.Elapsed < options.FlushInterval) return;
            Flush();
            lastFlush.Restart();
        }
        try
        {
            while (await channel.Reader.WaitToReadAsync(stop.Token))
            {
                while (channel.Reader.TryRead(out var item))
                {
                    if (item.Samples is null)
                    {
                        var row = ScoreRow.Failed(item.Input, item.Error!);
                        rows[row.Key] = row;
                        failed++;
                    }
                    else
                    {
                        group.Add(item);
                        groupWindows += Pieces(item.Samples).Sum(p => ClipWindows.Count(p.Length, classifier.Info.ClipSamples));
                        // Every run has the full batch shape (zero-padded), so score when the windows fill whole batches, or at most 8.
                        if (groupWindows % batch == 0 || groupWindows >= 8 * batch) ScoreGroup();
                    }
                    Tick();
                }
            }
            if (group.Count > 0) ScoreGroup();
            progress?.Report(new ScoringProgress(scored + failed, todo.Count, audioSeconds));
            await decoders; // rethrows a decoder's unexpected failure
        }
        catch
        {
            await stop.CancelAsync();
            try { await decoders; } catch (OperationCanceledException) { }
            Flush(); // keep what is done: a re-run resumes from here
            throw;
        }
        Flush();
        int failedInOutput = rows.Values.Count(r => r.Error is not null);
        return new ScoringSummary(inputs.Count, options.Shard, shard.Count, resumed, scored, failed, failedInOutput, audioSeconds, watch.Elapsed);
    }

    // Rows of an existing output, checked against this run's shard; empty when there is none.
    private static SortedDictionary<(long Index, long Window), ScoreRow> ResumedRows(string output, ScoreColumns columns, List<ScoringInput> shard)
    {
        var rows = new SortedDictionary<(long Index, long Window), ScoreRow>();
        if (!File.Exists(output)) return rows;
        var table = ResultFile.Read(output);
        columns.RequireHeader(table.Columns.Header, output);
        var paths = shard.ToDictionary(i => i.Index, i => i.Path);
        foreach (var row in table.Rows)
        {
            if (!paths.TryGetValue(row.Index, out var path) || path != row.Path)
                throw new InvalidDataException($"{output}: row {row.Index} ({row.Path}) is not a file of this input and shard; write to a new --out");
            rows[row.Key] = row;
        }
        return rows;
    }

    // Decoder threads: each takes the next file, decodes it at the model's rate and queues it (waiting while the queue is full).
    private static Task StartDecoders(List<ScoringInput> todo, int sampleRate, int workers, ChannelWriter<Decoded> writer, CancellationToken cancel)
    {
        int next = -1;
        var load = new AudioLoadOptions { SampleRate = sampleRate };
        async Task Work()
        {
            for (int i = Interlocked.Increment(ref next); i < todo.Count; i = Interlocked.Increment(ref next))
                await writer.WriteAsync(Decode(todo[i], load), cancel);
        }
        var tasks = Enumerable.Range(0, Math.Min(workers, Math.Max(1, todo.Count))).Select(_ => Task.Run(Work, cancel)).ToArray();
        return Task.WhenAll(tasks).ContinueWith(t =>
        {
            writer.TryComplete(t.Exception?.InnerException);
            t.GetAwaiter().GetResult();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static Decoded Decode(ScoringInput input, AudioLoadOptions load)
    {
        if (input.Error is not null) return new(input, null, input.Error);
        try
        {
            float[] samples = AudioFile.Load(input.FullPath, load).Samples;
            return samples.Length == 0 ? new(input, null, "contains no audio samples") : new(input, samples, null);
        }
        catch (AudioFormatException e) { return new(input, null, e.Problem); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or NotSupportedException)
        {
            return new(input, null, e.Message);
        }
    }
}
