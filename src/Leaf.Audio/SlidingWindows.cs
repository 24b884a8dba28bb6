namespace Leaf.Audio;

/// <summary>
/// The windows of an event timeline: window i covers samples [i·hop, i·hop + window) — overlapping when hop &lt; window,
/// with gaps when hop &gt; window. Only complete windows count (as a file's incomplete last clip window is dropped,
/// <see cref="ClipWindows"/>), so the samples after the last complete window are not scored; a signal shorter than
/// one window gives one window, the whole signal [0, n). A stream can therefore emit window i as soon as sample
/// i·hop + window − 1 has arrived.
/// </summary>
public sealed record SlidingWindows
{
    /// <summary>Windows of <paramref name="window"/> samples every <paramref name="hop"/> samples.</summary>
    /// <exception cref="ArgumentException">A length under 1 sample.</exception>
    public SlidingWindows(int window, int hop)
    {
        if (window < 1 || hop < 1) throw new ArgumentException($"timeline windows of {window} samples every {hop}: both must be at least 1 sample");
        (Window, Hop) = (window, hop);
    }

    /// <summary>Window length in samples.</summary>
    public int Window { get; }

    /// <summary>Samples between the starts of consecutive windows.</summary>
    public int Hop { get; }

    /// <summary>The windows of <paramref name="windowSeconds"/> every <paramref name="hopSeconds"/> at <paramref name="sampleRate"/> Hz, rounded to whole samples.</summary>
    /// <exception cref="ArgumentException">A length that is not positive, not finite, or rounds to no sample.</exception>
    public static SlidingWindows FromSeconds(double windowSeconds, double hopSeconds, int sampleRate) =>
        new(Samples(windowSeconds, sampleRate, "window"), Samples(hopSeconds, sampleRate, "hop"));

    /// <summary>Number of windows of a signal of <paramref name="samples"/> samples: ⌊(n − window) / hop⌋ + 1, 1 when 0 &lt; n &lt; window, 0 when n = 0.</summary>
    public long Count(long samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samples);
        return samples == 0 ? 0 : samples < Window ? 1 : (samples - Window) / Hop + 1;
    }

    /// <summary>First sample of window <paramref name="index"/>.</summary>
    public long Start(long index) => index * Hop;

    /// <summary>Samples window <paramref name="index"/> covers in a signal of <paramref name="samples"/> samples: the window, or the whole signal when it is shorter.</summary>
    public int Length(long index, long samples) => (int)Math.Min(Window, samples - Start(index));

    private static int Samples(double seconds, int sampleRate, string what)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        double samples = Math.Round(seconds * sampleRate);
        if (!double.IsFinite(seconds) || seconds <= 0 || samples < 1 || samples > int.MaxValue)
            throw new ArgumentException($"a {what} of {seconds} s at {sampleRate} Hz is not a positive whole number of samples (1 to {int.MaxValue})");
        return (int)samples;
    }
}
