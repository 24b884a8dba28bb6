namespace Leaf.Frontends;

/// <summary>Receives <paramref name="count"/> frames, row-major [count, N], as a streaming featurizer determines them.</summary>
public delegate void FramesHandler(ReadOnlySpan<float> frames, int count);

/// <summary>
/// Runs a frontend's frame-local stages on <paramref name="segment"/> (as one offline signal) and takes its local frames
/// [<paramref name="firstFrame"/>, <paramref name="firstFrame"/> + <paramref name="count"/>): the next frames of the stream.
/// </summary>
public delegate void SegmentHandler(float[] segment, int firstFrame, int count);

/// <summary>
/// The engine-free half of chunked and streaming featurization (docs/streaming.md): holds the samples pushed in pieces
/// of any size and cuts them into the overlapping segments whose frame-local frames, computed by an offline graph or
/// module run on each segment alone, are those of one offline run of the whole signal (<see cref="FrameSupport"/>).
/// Each segment goes to a <see cref="SegmentHandler"/> as soon as it determines a frame; memory is bounded by the
/// chunk length. The ONNX (<c>Leaf.Onnx.StreamingFrontend</c>) and TorchSharp engines run the segments. Not thread-safe.
/// </summary>
public sealed class FrameSegmenter
{
    private readonly FrameSupport support;
    private readonly int stride, alignment, chunk, left, residue, minimumSamples;
    private float[] buffer = new float[4096];
    private long bufferStart, end = long.MaxValue, frameTotal = long.MaxValue;
    private int buffered;
    private bool completed;

    /// <summary>Segments a signal for the frontend of <paramref name="support"/>.</summary>
    /// <param name="support">The frontend's geometry.</param>
    /// <param name="chunkSamples">Longest segment, in samples; at least <see cref="MinimumChunk"/>.</param>
    /// <param name="totalSamples">
    /// The signal's length when known (a file): the frames are then those of one offline run, for every length. Null
    /// (a live stream): the grid of a whole number of strides, <see cref="Complete"/> padding the end with zeros to one.
    /// </param>
    /// <param name="minimumSamples">The frontend's shortest input (1; the window length for TD-filterbanks): a shorter live stream has no frames.</param>
    /// <exception cref="ArgumentOutOfRangeException">The chunk is shorter than <see cref="MinimumChunk"/>, or the known length is shorter than the minimum.</exception>
    public FrameSegmenter(FrameSupport support, int chunkSamples, long? totalSamples = null, int minimumSamples = 1)
    {
        ArgumentNullException.ThrowIfNull(support);
        this.support = support;
        stride = support.Stride;
        alignment = support.Alignment;
        this.minimumSamples = minimumSamples;
        int needed = MinimumChunk(support);
        if (chunkSamples < needed)
            throw new ArgumentOutOfRangeException(nameof(chunkSamples), chunkSamples, $"ChunkSamples must be at least {needed} for this frontend (one frame's samples plus one alignment step)");
        chunk = chunkSamples;
        if (totalSamples is long total)
        {
            if (total < minimumSamples) throw new ArgumentOutOfRangeException(nameof(totalSamples), total, $"the {support.Kind.ToName()} frontend needs at least {minimumSamples} sample(s)");
            end = total;
            frameTotal = support.FrameCount(total);
            residue = (int)(total % stride);
        }
        left = support.PoolingLeft(residue);
        long far = 1000L * alignment / stride; // a frame far from the start, where the look-ahead is the steady one
        Latency = (int)Enumerable.Range(0, alignment / stride).Max(j => support.Samples(far + j, left).End - (far + j) * stride);
    }

    /// <summary>The shortest chunk <paramref name="support"/>'s frontend accepts: one frame's samples plus one alignment step.</summary>
    public static int MinimumChunk(FrameSupport support)
    {
        ArgumentNullException.ThrowIfNull(support);
        return support.Span + support.Alignment;
    }

    /// <summary>
    /// Look-ahead in samples: frame j is determined once samples up to index j·S + Latency − 1 have been pushed (the fast
    /// LEAF's frames come a block at a time, so this is the most any of them waits).
    /// </summary>
    public int Latency { get; }

    /// <summary>Samples pushed so far.</summary>
    public long SamplesPushed => bufferStart + buffered;

    /// <summary>Frames given to handlers so far.</summary>
    public long FramesDetermined { get; private set; }

    /// <summary>Pushes samples; <paramref name="run"/> receives each segment that determines new frames, in order.</summary>
    /// <exception cref="InvalidOperationException">More samples than the known total, or a push after <see cref="Complete"/>.</exception>
    public void Push(ReadOnlySpan<float> samples, SegmentHandler run)
    {
        if (completed) throw new InvalidOperationException("the stream is complete");
        if (SamplesPushed + samples.Length > end)
            throw new InvalidOperationException($"the stream was declared {end} samples long; {SamplesPushed + samples.Length} were pushed");
        while (!samples.IsEmpty)
        {
            int take = Math.Min(samples.Length, chunk);
            Append(samples[..take]);
            samples = samples[take..];
            Drain(run);
        }
    }

    /// <summary>Ends the signal; <paramref name="run"/> receives the segments of its last frames.</summary>
    /// <exception cref="InvalidOperationException">Fewer samples than the known total, or the stream is already complete.</exception>
    public void Complete(SegmentHandler run)
    {
        if (completed) throw new InvalidOperationException("the stream is already complete");
        if (end != long.MaxValue && SamplesPushed != end)
            throw new InvalidOperationException($"the stream was declared {end} samples long; only {SamplesPushed} were pushed");
        if (end == long.MaxValue)
        {
            // A live stream's grid is that of a whole number of strides: pad the end with zeros to one.
            long pushed = SamplesPushed;
            end = support.GridFollowsLength ? (pushed + stride - 1) / stride * stride : pushed;
            Append(new float[end - pushed]);
            frameTotal = pushed < minimumSamples ? 0 : support.FrameCount(end);
        }
        Drain(run);
        completed = true;
    }

    // Hands over segments while some frame is determined by the samples held.
    private void Drain(SegmentHandler run)
    {
        while (FramesDetermined < frameTotal)
        {
            long next = FramesDetermined, a = SegmentStart(next);
            long reach = Math.Min(SamplesPushed, a + chunk), last = next - 1;
            while (last + 1 < frameTotal && ClippedEnd(last + 1) <= reach) last++;
            if (last < next) return; // the next frame needs samples not pushed yet
            int count = (int)(last - next + 1);
            run(Segment(a, reach), checked((int)(next - a / stride)), count);
            FramesDetermined += count;
            Discard(FramesDetermined < frameTotal ? SegmentStart(FramesDetermined) : SamplesPushed);
        }
    }

    // The aligned start of the segment that computes frame j: the signal's start, or at most one alignment step before its samples.
    private long SegmentStart(long frame) => Math.Max(0, support.Samples(frame, left).Start) / alignment * alignment;

    private long ClippedEnd(long frame) => Math.Min(support.Samples(frame, left).End, end);

    // The samples [a, b), padded with zeros (beyond what the frames taken from it read) to a length ≡ T (mod S).
    private float[] Segment(long a, long b)
    {
        int length = (int)(b - a);
        int padded = support.GridFollowsLength ? length + ((residue - length) % stride + stride) % stride : length;
        var segment = new float[padded];
        buffer.AsSpan((int)(a - bufferStart), length).CopyTo(segment);
        return segment;
    }

    private void Append(ReadOnlySpan<float> samples)
    {
        if (buffered + samples.Length > buffer.Length) Array.Resize(ref buffer, Math.Max(buffered + samples.Length, 2 * buffer.Length));
        samples.CopyTo(buffer.AsSpan(buffered));
        buffered += samples.Length;
    }

    // Drops the samples before newStart (no frame left needs them).
    private void Discard(long newStart)
    {
        int drop = (int)Math.Clamp(newStart - bufferStart, 0, buffered);
        if (drop == 0) return;
        buffer.AsSpan(drop, buffered - drop).CopyTo(buffer);
        buffered -= drop;
        bufferStart += drop;
    }
}
