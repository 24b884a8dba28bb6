using Leaf.Onnx.Classifiers;

namespace Leaf.Scoring;

/// <summary>What <see cref="ScoringPipeline"/> scores, with which model, where it writes, and how it runs.</summary>
public sealed record ScoringOptions
{
    /// <summary>The classifier model (.onnx from <c>leaf train</c> or <c>leaf export --classifier</c>).</summary>
    public required string Model { get; init; }

    /// <summary>A folder (scored recursively) or a CSV manifest with a <c>path</c> column.</summary>
    public required string Input { get; init; }

    /// <summary>The result file, <c>.csv</c> or <c>.parquet</c>; if it exists, its rows are kept and their files skipped (resume).</summary>
    public required string Output { get; init; }

    /// <summary>Session, window batch, loudness and embedding settings of the classifier.</summary>
    public OnnxClassifierOptions Classifier { get; init; } = new();

    /// <summary>Score each file's event timeline (one row per file and window) instead of the whole file; null: one row per file.</summary>
    public TimelineOptions? Timeline { get; init; }

    /// <summary>The part of the input this process scores.</summary>
    public ShardSpec Shard { get; init; } = ShardSpec.All;

    /// <summary>Threads decoding audio (default: half the cores, at least one).</summary>
    public int DecodeWorkers { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Decoded files waiting for the model at most (back-pressure on the decoders; default 64).</summary>
    public int QueueCapacity { get; init; } = 64;

    /// <summary>How often the result file is rewritten while scoring (default 30 s); it is always written at the end.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(30);
}
