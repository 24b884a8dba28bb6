using System.CommandLine;
using Leaf.Scoring;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf score</c>: scores a folder or manifest with a classifier into one CSV or Parquet row per file (pipelined,
/// batched, resumable, shardable); <c>leaf score merge</c> combines shard outputs.
/// </summary>
internal static class ScoreCommand
{
    /// <summary>Exit code when scoring was interrupted (the rows done so far are written; re-run to resume).</summary>
    public const int Interrupted = 130;

    public static Command Create()
    {
        var model = new ClassifierModels();
        var input = new Option<string>("--input") { Description = "A folder (searched recursively for audio) or a CSV manifest with a 'path' column.", Required = true };
        var output = new Option<string>("--out") { Description = "Result file, .csv or .parquet; if it exists, its files are skipped (resume).", Required = true };
        var embeddings = new Option<bool>("--embeddings") { Description = "Add the embedding (globally max-pooled encoder output, mean over windows) as emb_* columns." };
        var shard = new Option<string?>("--shard") { Description = "Score shard I of N (I/N, 0-based); default from JOB_COMPLETION_INDEX + LEAF_SHARD_COUNT or SLURM_ARRAY_TASK_ID/COUNT, else all." };
        var failOnError = new Option<bool>("--fail-on-error") { Description = "Exit with 1 when any file could not be scored (error rows)." };
        var decoders = new Option<int>("--decoders") { Description = "Audio decoding threads.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount / 2) };
        var flush = new Option<double>("--flush-seconds") { Description = "Rewrite the result file (atomically) this often while scoring.", DefaultValueFactory = _ => 30 };

        var command = new Command("score", "Score audio files with a classifier into a CSV or Parquet file (one row per file; resumable, shardable).")
        { input, output, embeddings, shard, failOnError, decoders, flush };
        foreach (var option in model.All) command.Options.Add(option);
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse, cancel)));
        command.Subcommands.Add(CreateMerge());
        return command;

        int Run(ParseResult parse, CancellationToken cancel)
        {
            int decoderCount = parse.GetValue(decoders);
            if (decoderCount < 1) throw new ArgumentException($"--decoders {decoderCount}: must be at least 1");
            double flushSeconds = parse.GetValue(flush);
            if (!(flushSeconds > 0)) throw new ArgumentException($"--flush-seconds {flushSeconds}: must be positive");
            var options = new ScoringOptions
            {
                Model = parse.GetValue(model.Model)!,
                Input = parse.GetValue(input)!,
                Output = parse.GetValue(output)!,
                Classifier = model.Options(parse, parse.GetValue(embeddings)),
                Shard = parse.GetValue(shard) is string s ? ShardSpec.Parse(s) : ShardSpec.FromEnvironment(Environment.GetEnvironmentVariable) ?? ShardSpec.All,
                DecodeWorkers = decoderCount,
                FlushInterval = TimeSpan.FromSeconds(flushSeconds),
            };
            var o = parse.InvocationConfiguration.Output;
            ScoringSummary summary;
            try
            {
                summary = CliProgress.Run("score", "files", progress =>
                    ScoringPipeline.RunAsync(options, new FileProgress(progress), cancel).GetAwaiter().GetResult());
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                parse.InvocationConfiguration.Error.WriteLine($"leaf: interrupted; {options.Output} holds the files done so far: run the same command again to resume");
                return Interrupted;
            }
            o.WriteLine($"{options.Output}: {summary}");
            return parse.GetValue(failOnError) && summary.FailedInOutput > 0 ? LeafCli.Failure : 0;
        }
    }

    // Forwards the pipeline's progress to the bar as (files done, files to do).
    private sealed class FileProgress(IProgress<(int Done, int Total)> bar) : IProgress<ScoringProgress>
    {
        public void Report(ScoringProgress value) => bar.Report((value.Done, value.Total));
    }

    private static Command CreateMerge()
    {
        var parts = new Argument<string[]>("parts") { Description = "The shards' result files (.csv or .parquet).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The merged result file, .csv or .parquet.", Required = true };
        var merge = new Command("merge", "Merge the result files of the shards of one run into the file a single run writes (rows sorted by input index).") { parts, output };
        merge.SetAction(parse =>
        {
            int rows = ResultMerger.Merge(parse.GetValue(output)!, parse.GetValue(parts)!);
            parse.InvocationConfiguration.Output.WriteLine($"{parse.GetValue(output)}: {rows} rows from {parse.GetValue(parts)!.Length} files");
            return 0;
        });
        return merge;
    }
}
