using System.CommandLine;
using Leaf.Audio;
using Leaf.Scoring;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf score</c>: scores a folder or manifest with a classifier into one CSV or Parquet row per file (pipelined,
/// batched, resumable, shardable), or with <c>--timeline</c> one row per file and window; <c>leaf score merge</c> combines shard outputs.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var model = new ClassifierModels();
        var windows = new TimelineArguments();
        var timeline = new Option<bool>("--timeline") { Description = "One row per file and window of --window seconds every --hop seconds (complete windows only; a file shorter than one window is one window)." };
        var input = new Option<string>("--input") { Description = "A folder (searched recursively for audio) or a CSV manifest with a 'path' column.", Required = true };
        var output = new Option<string>("--out") { Description = "Result file, .csv or .parquet; if it exists, its files are skipped (resume).", Required = true }.Check(ResultFile.RequireSupported);
        var embeddings = new Option<bool>("--embeddings") { Description = "Add the embedding (globally max-pooled encoder output, mean over windows) as emb_* columns." };
        var shard = new Option<string?>("--shard") { Description = "Score shard I of N (I/N, 0-based); default from JOB_COMPLETION_INDEX + LEAF_SHARD_COUNT or SLURM_ARRAY_TASK_ID/COUNT, else all." }
            .Check(s => ShardSpec.Parse(s!));
        var failOnError = new Option<bool>("--fail-on-error") { Description = "Exit with 1 when any file could not be scored (error rows)." };
        var decoders = new Option<int>("--decoders") { Description = "Audio decoding threads.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount / 2) }
            .Range(1, OptionRules.MaxThreads);
        var flush = new Option<double>("--flush-seconds") { Description = "Rewrite the result file (atomically) this often while scoring.", DefaultValueFactory = _ => 30 }
            .Range(0, 86_400);

        var command = new Command("score", "Score audio files with a classifier into a CSV or Parquet file (one row per file; resumable, shardable).")
        { input, output, embeddings, shard, failOnError, decoders, flush, timeline };
        foreach (var option in model.All.Concat(windows.All)) command.Options.Add(option);
        windows.RequireOnlyWith(command, timeline, "timelines");
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse, cancel)));
        command.Subcommands.Add(CreateMerge());
        return command;

        int Run(ParseResult parse, CancellationToken cancel)
        {
            var options = new ScoringOptions
            {
                Model = parse.GetValue(model.Model)!,
                Input = parse.GetValue(input)!,
                Output = parse.GetValue(output)!,
                Classifier = model.Options(parse, parse.GetValue(embeddings)),
                Shard = parse.GetValue(shard) is string s ? ShardSpec.Parse(s) : ShardSpec.FromEnvironment(Environment.GetEnvironmentVariable) ?? ShardSpec.All,
                DecodeWorkers = parse.GetValue(decoders),
                FlushInterval = TimeSpan.FromSeconds(parse.GetValue(flush)),
                Timeline = parse.GetValue(timeline) ? windows.Options(parse) : null,
            };
            var o = parse.InvocationConfiguration.Output;
            using var outputLock = OutputLock.ForFile(options.Output);
            ScoringSummary summary;
            FileProgress? files = null;
            try
            {
                summary = CliProgress.Run("score", "files", progress =>
                    ScoringPipeline.RunAsync(options, files = new FileProgress(progress), cancel).GetAwaiter().GetResult());
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                string done = files?.Last is { Total: > 0 } last ? $"{last.Done} of {last.Total} files scored in this run" : "no file scored yet in this run";
                throw new OperationCanceledException($"{done}; {options.Output} holds every finished row: run the same command again to resume", cancel);
            }
            o.WriteLine($"{options.Output}: {summary}");
            return parse.GetValue(failOnError) && summary.FailedInOutput > 0 ? LeafCli.Failure : 0;
        }
    }

    // Forwards the pipeline's progress to the bar as (files done, files to do), keeping the last report.
    private sealed class FileProgress(IProgress<(int Done, int Total)> bar) : IProgress<ScoringProgress>
    {
        public (int Done, int Total) Last { get; private set; }

        public void Report(ScoringProgress value) => bar.Report(Last = (value.Done, value.Total));
    }

    private static Command CreateMerge()
    {
        var parts = new Argument<string[]>("parts") { Description = "The shards' result files (.csv or .parquet).", Arity = ArgumentArity.OneOrMore }.NoOptionLikeValues();
        var output = new Option<string>("--out") { Description = "The merged result file, .csv or .parquet.", Required = true }.Check(ResultFile.RequireSupported);
        var merge = new Command("merge", "Merge the result files of the shards of one run into the file a single run writes (rows sorted by input index).") { parts, output };
        merge.SetAction(parse =>
        {
            using var outputLock = OutputLock.ForFile(parse.GetValue(output)!);
            int rows = ResultMerger.Merge(parse.GetValue(output)!, parse.GetValue(parts)!);
            parse.InvocationConfiguration.Output.WriteLine($"{parse.GetValue(output)}: {rows} rows from {parse.GetValue(parts)!.Length} files");
            return 0;
        });
        return merge;
    }
}
