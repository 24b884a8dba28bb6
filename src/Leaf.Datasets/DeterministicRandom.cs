using System.Text;

namespace Leaf.Datasets;

/// <summary>
/// A small, fully specified pseudo-random generator (SplitMix64, Steele, Lea &amp; Flood 2014) whose output depends
/// only on its seed — unlike <see cref="Random"/>, whose seeded sequence .NET does not promise to keep across
/// versions. Everything that must be reproducible for bit-exact resume (epoch order, crops, split assignment,
/// synthesis parameters) draws from it. Not thread-safe: give each thread or task its own instance via <see cref="For"/>.
/// </summary>
public sealed class DeterministicRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15; // 2^64 / φ, SplitMix64's increment
    private ulong _state;

    /// <summary>A generator started from <paramref name="seed"/>.</summary>
    public DeterministicRandom(ulong seed) => _state = seed;

    /// <summary>
    /// An independent stream for a tuple of keys, e.g. (seed, epoch, file index): the keys are folded through the
    /// SplitMix64 finaliser one by one, so (1, 2) and (2, 1) give unrelated streams.
    /// </summary>
    public static DeterministicRandom For(params ReadOnlySpan<long> keys)
    {
        ulong state = Golden;
        foreach (long key in keys) state = Finalise(state ^ Finalise((ulong)key + Golden));
        return new DeterministicRandom(state);
    }

    /// <summary>A stable 64-bit key for a string (FNV-1a over UTF-8; <see cref="string.GetHashCode()"/> is randomised per process).</summary>
    public static long KeyOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ulong hash = 0xCBF29CE484222325;
        foreach (byte b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 0x100000001B3;
        return (long)hash;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Finalise(_state += Golden);

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>), without modulo bias (rejection sampling).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not positive.</exception>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        ulong range = (ulong)maxExclusive, limit = ulong.MaxValue - ulong.MaxValue % range;
        ulong draw;
        do draw = NextUInt64(); while (draw >= limit);
        return (int)(draw % range);
    }

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public int NextInt(int min, int maxInclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInclusive, min);
        return min + NextInt(maxInclusive - min + 1);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Standard normal (Box–Muller: √(−2 ln u₁)·cos(2π u₂)).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // in (0, 1], so the log is finite
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * NextDouble());
    }

    /// <summary>A uniformly chosen element.</summary>
    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0) throw new ArgumentException("cannot pick from an empty list", nameof(items));
        return items[NextInt(items.Count)];
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>SplitMix64's output function (a bijective avalanche mix of 64 bits).</summary>
    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
