using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Leaf.Audio;

namespace Leaf.Cli;

/// <summary>
/// Checks of option and argument values at parse time, so that a bad value exits with the usage code (2) and one line
/// naming the option, the value and the bound, before any work starts. Every command declares its bounds with these.
/// </summary>
internal static class OptionRules
{
    /// <summary>Most threads a command starts for one pool (ONNX Runtime, decoders).</summary>
    public const int MaxThreads = 256;

    /// <summary>Most windows or clips per batch.</summary>
    public const int MaxBatch = 4096;

    /// <summary>Most samples of a clip or fixed input length: <see cref="AudioLimits.MaximumClipSeconds"/> at 48 kHz.</summary>
    public const int MaxClipSamples = AudioLimits.MaximumClipSeconds * 48_000;

    /// <summary>Most training epochs.</summary>
    public const int MaxEpochs = 100_000;

    /// <summary>Longest time budget in minutes (a year).</summary>
    public const double MaxMinutes = 525_600;

    /// <summary>Accepts <paramref name="min"/> ≤ value ≤ <paramref name="max"/>.</summary>
    public static Option<int> Range(this Option<int> option, int min, int max) =>
        option.Check(v => v >= min && v <= max, $"must be {min} to {max}");

    /// <summary>Accepts a finite value with <paramref name="min"/> &lt; value ≤ <paramref name="max"/> (or ≤ with <paramref name="minInclusive"/>).</summary>
    public static Option<double> Range(this Option<double> option, double min, double max, bool minInclusive = false) =>
        option.Check(v => InRange(v, min, max, minInclusive), Bounds(min, max, minInclusive));

    /// <inheritdoc cref="Range(Option{double}, double, double, bool)"/>
    public static Option<double?> Range(this Option<double?> option, double min, double max, bool minInclusive = false) =>
        option.Check(v => v is not double d || InRange(d, min, max, minInclusive), Bounds(min, max, minInclusive));

    /// <inheritdoc cref="Range(Option{int}, int, int)"/>
    public static Option<int?> Range(this Option<int?> option, int min, int max) =>
        option.Check(v => v is not int i || (i >= min && i <= max), $"must be {min} to {max}");

    /// <summary>Accepts the values <paramref name="parse"/> accepts; its exception's message is the error.</summary>
    public static Option<T> Check<T>(this Option<T> option, Action<T> parse)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || !TryValue(result, out T value)) return;
            try { parse(value); }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidDataException or NotSupportedException)
            {
                result.AddError(e.Message.StartsWith(option.Name, StringComparison.Ordinal) ? e.Message : $"{option.Name} {value}: {e.Message}");
            }
        });
        return option;
    }

    /// <summary>An execution device: <c>cpu</c>, <c>cuda</c> or <c>cuda:ID</c>.</summary>
    public static Option<string> Device(this Option<string> option) =>
        option.Check(v => v == "cpu" || v == "cuda" || (v.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(v.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out _)),
            "must be cpu, cuda or cuda:ID");

    /// <summary>
    /// Refuses values of a file argument that look like options (<c>--frobnicate</c>), which would otherwise be taken as
    /// file names; a file whose name starts with '-' can be given as <c>./-name</c>.
    /// </summary>
    public static Argument<string[]> NoOptionLikeValues(this Argument<string[]> argument)
    {
        argument.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => t.Value.Length > 1 && t.Value.StartsWith('-')) is { } token)
                result.AddError($"unknown option '{token.Value}' (a file whose name starts with '-' can be given as ./{token.Value})");
        });
        return argument;
    }

    private static Option<T> Check<T>(this Option<T> option, Func<T, bool> valid, string rule)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && TryValue(result, out T value) && !valid(value))
                result.AddError($"{option.Name} {string.Join(' ', result.Tokens.Select(t => t.Value))}: {rule}");
        });
        return option;
    }

    // The converted value; false when conversion failed (System.CommandLine reports that itself).
    private static bool TryValue<T>(OptionResult result, out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }

    private static bool InRange(double v, double min, double max, bool minInclusive) =>
        double.IsFinite(v) && (minInclusive ? v >= min : v > min) && v <= max;

    private static string Bounds(double min, double max, bool minInclusive) =>
        string.Create(CultureInfo.InvariantCulture, $"must be a number {(minInclusive ? "from" : "above")} {min} {(minInclusive ? "to" : "and at most")} {max}");
}
