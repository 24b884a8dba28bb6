using System.Globalization;

namespace Leaf.Scoring;

/// <summary>The counts of a finished scoring run.</summary>
/// <param name="Inputs">Files in the whole input.</param>
/// <param name="Shard">The shard scored.</param>
/// <param name="ShardFiles">Files in the shard.</param>
/// <param name="Resumed">Files already in the output and skipped.</param>
/// <param name="Scored">Files scored by this run.</param>
/// <param name="Failed">Files this run could not score (error rows written).</param>
/// <param name="FailedInOutput">Error rows in the final output, resumed ones included.</param>
/// <param name="AudioSeconds">Seconds of audio scored by this run.</param>
/// <param name="Elapsed">Wall time of this run.</param>
public sealed record ScoringSummary(int Inputs, ShardSpec Shard, int ShardFiles, int Resumed, int Scored, int Failed, int FailedInOutput, double AudioSeconds, TimeSpan Elapsed)
{
    /// <summary>Files per second of this run.</summary>
    public double FilesPerSecond => (Scored + Failed) / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <summary>Seconds of audio per second of this run.</summary>
    public double AudioSecondsPerSecond => AudioSeconds / Math.Max(Elapsed.TotalSeconds, 1e-9);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{ShardFiles} files in shard {Shard} of {Inputs}: {Scored} scored, {Failed} failed, {Resumed} already done ({FailedInOutput} error rows in the output); "
        + $"{AudioSeconds:F1} s of audio in {Elapsed.TotalSeconds:F1} s ({FilesPerSecond:F1} files/s, {AudioSecondsPerSecond:F1} audio-s/s)");
}
