namespace Leaf.Scoring;

/// <summary>Where a scoring run is.</summary>
/// <param name="Done">Files of this run finished (scored or failed).</param>
/// <param name="Total">Files this run has to do (the shard minus files already in the output).</param>
/// <param name="AudioSeconds">Seconds of audio scored so far.</param>
public readonly record struct ScoringProgress(int Done, int Total, double AudioSeconds);
