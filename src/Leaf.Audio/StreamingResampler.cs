namespace Leaf.Audio;

/// <summary>
/// <see cref="PolyphaseResampler"/> for a signal that arrives in pieces of any size (a live stream): it keeps the
/// last 2·<see cref="PolyphaseResampler.HalfLength"/> input samples (the filter's state) between pieces, returns each
/// output sample as soon as every input it reads has arrived, and <see cref="Complete"/> ends the signal with the
/// whole-signal resampler's zeros. The concatenated outputs are those of <see cref="PolyphaseResampler.Process"/> on
/// the whole signal, computed by the same dot products on the same values (tests check them bit for bit).
/// Latency: output m needs input ⌊m·M/L⌋ + R, so R = <see cref="PolyphaseResampler.HalfLength"/> input samples
/// (193 at 48 kHz → 16 kHz, 12 ms). Not thread-safe.
/// </summary>
public sealed class StreamingResampler
{
    private readonly PolyphaseResampler filter;
    private float[] padded; // the zero-padded input from padded index `offset` on; `count` values are known
    private long offset;
    private int count;
    private long produced;
    private bool completed;

    /// <summary>A resampler for <paramref name="inputRate"/> → <paramref name="outputRate"/> (both 1 Hz to 1 MHz).</summary>
    public StreamingResampler(int inputRate, int outputRate)
    {
        filter = new PolyphaseResampler(inputRate, outputRate);
        padded = new float[4 * filter.HalfLength + 4096];
        count = filter.HalfLength; // the R zeros before the first sample
    }

    /// <summary>Input rate in Hz.</summary>
    public int InputRate => filter.InputRate;

    /// <summary>Output rate in Hz.</summary>
    public int OutputRate => filter.OutputRate;

    /// <summary>Input samples pushed so far.</summary>
    public long SamplesPushed { get; private set; }

    /// <summary>Output samples of a whole signal of <paramref name="inputLength"/> samples (<see cref="PolyphaseResampler.OutputLength"/>).</summary>
    public long OutputLength(long inputLength) => filter.OutputLength(inputLength);

    /// <summary>Output samples returned so far.</summary>
    public long SamplesProduced => produced;

    /// <summary>Adds <paramref name="input"/> and returns the output samples it completes (possibly none).</summary>
    /// <exception cref="InvalidOperationException">After <see cref="Complete"/>.</exception>
    public float[] Push(ReadOnlySpan<float> input)
    {
        if (completed) throw new InvalidOperationException("the stream was completed");
        SamplesPushed += input.Length;
        if (InputRate == OutputRate)
        {
            produced += input.Length;
            return input.ToArray();
        }
        Append(input);
        return Drain(offset + count);
    }

    /// <summary>Ends the signal (silence after it, as the whole-signal resampler pads) and returns the remaining output samples.</summary>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public float[] Complete()
    {
        if (completed) throw new InvalidOperationException("the stream was completed");
        completed = true;
        if (InputRate == OutputRate) return [];
        Append(new float[filter.HalfLength]); // the R zeros after the last sample
        return Drain(offset + count, filter.OutputLength(SamplesPushed));
    }

    // Outputs whose 2R padded inputs lie below `known`, up to `limit` outputs in all; then forgets inputs no later output reads.
    private float[] Drain(long known, long limit = long.MaxValue)
    {
        long end = produced;
        while (end < limit && filter.FirstPaddedInput(end) + 2 * filter.HalfLength <= known) end++;
        var output = new float[end - produced];
        for (int i = 0; i < output.Length; i++) output[i] = filter.Output(padded.AsSpan(0, count), offset, produced + i);
        produced = end;
        int drop = (int)Math.Min(count, filter.FirstPaddedInput(produced) - offset);
        padded.AsSpan(drop, count - drop).CopyTo(padded);
        (offset, count) = (offset + drop, count - drop);
        return output;
    }

    private void Append(ReadOnlySpan<float> input)
    {
        if (count + input.Length > padded.Length) Array.Resize(ref padded, Math.Max(2 * padded.Length, count + input.Length));
        input.CopyTo(padded.AsSpan(count));
        count += input.Length;
    }
}
