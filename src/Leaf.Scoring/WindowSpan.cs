namespace Leaf.Scoring;

/// <summary>The timeline window a row of a timeline result file scores (<c>window</c>, <c>start_s</c>, <c>end_s</c>).</summary>
/// <param name="Number">Window number within its file, from 0.</param>
/// <param name="Start">Start time in seconds.</param>
/// <param name="End">End time in seconds (exclusive).</param>
public sealed record WindowSpan(long Number, double Start, double End);
