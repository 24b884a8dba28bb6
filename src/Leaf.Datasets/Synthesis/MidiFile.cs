namespace Leaf.Datasets.Synthesis;

/// <summary>
/// Writes a Standard MIDI File (format 0, one track, channel 1) playing notes on one General MIDI program.
/// Time base: 480 ticks per quarter note at the default tempo of 120 bpm (500 000 µs per quarter), i.e. 960 ticks per second.
/// </summary>
internal static class MidiFile
{
    private const int TicksPerQuarter = 480;
    private const double TicksPerSecond = TicksPerQuarter * 2.0; // 120 quarters per minute

    /// <summary>The bytes of a file playing <paramref name="notes"/> on <paramref name="program"/> (0-based GM program number).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A program, key or velocity outside MIDI's range, or a negative time.</exception>
    public static byte[] Write(int program, IReadOnlyList<MidiNote> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)program, 127u, nameof(program));
        var events = new List<(long Tick, int Order, byte[] Bytes)> { (0, 0, [0xC0, (byte)program]) }; // program change, channel 1
        foreach (MidiNote n in notes)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)n.Key, 127u, nameof(notes));
            if (n.Velocity is < 1 or > 127) throw new ArgumentOutOfRangeException(nameof(notes), n.Velocity, "velocity must be 1 to 127");
            if (!(n.Start >= 0 && n.Duration > 0)) throw new ArgumentOutOfRangeException(nameof(notes), n, "a note needs a start ≥ 0 and a positive duration");
            long on = Ticks(n.Start), off = Math.Max(on + 1, Ticks(n.Start + n.Duration));
            events.Add((on, 2, [0x90, (byte)n.Key, (byte)n.Velocity]));
            events.Add((off, 1, [0x80, (byte)n.Key, 0])); // note-offs before note-ons at the same tick
        }
        var track = new List<byte>();
        long now = 0;
        foreach (var e in events.OrderBy(e => e.Tick).ThenBy(e => e.Order))
        {
            track.AddRange(VariableLength(e.Tick - now));
            track.AddRange(e.Bytes);
            now = e.Tick;
        }
        track.AddRange([0x00, 0xFF, 0x2F, 0x00]); // end of track
        return
        [
            .. "MThd"u8, 0, 0, 0, 6, 0, 0, 0, 1, TicksPerQuarter >> 8, TicksPerQuarter & 0xFF,
            .. "MTrk"u8, .. BigEndian(track.Count), .. track,
        ];
    }

    private static long Ticks(double seconds) => (long)Math.Round(seconds * TicksPerSecond);

    /// <summary>MIDI variable-length quantity: 7 bits per byte, most significant first, continuation bit 0x80 on all but the last.</summary>
    public static byte[] VariableLength(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 0x0FFFFFFF);
        var bytes = new Stack<byte>();
        bytes.Push((byte)(value & 0x7F));
        while ((value >>= 7) > 0) bytes.Push((byte)(0x80 | (value & 0x7F)));
        return [.. bytes];
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];
}
