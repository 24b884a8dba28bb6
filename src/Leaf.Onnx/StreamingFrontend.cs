using System.Runtime.InteropServices;
using Leaf.Frontends;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Onnx;

/// <summary>Receives <paramref name="count"/> frames, row-major [count, N], as a <see cref="StreamingFrontend"/> determines them.</summary>
public delegate void FramesHandler(ReadOnlySpan<float> frames, int count);

/// <summary>
/// Featurizes a signal pushed in pieces of any size (one sample, a block from a sound card, a file read by windows),
/// returning each frame as soon as the samples it depends on have arrived, with the frames of one offline run of the
/// same signal (<see cref="StreamingFrontendOptions.TotalSamples"/> says when exactly), in memory bounded by
/// <see cref="StreamingFrontendOptions.ChunkSamples"/>. Runs the <see cref="StreamingModels"/> on ONNX Runtime: overlapping
/// segments through the frame-local graph (<see cref="FrameSupport"/>), then sPCEN with its state carried. Not
/// thread-safe: one stream per instance.
/// </summary>
public sealed class StreamingFrontend : IDisposable
{
    private readonly StreamingSessions sessions;
    private readonly bool ownsSessions;
    private readonly FrameSupport support;
    private readonly int stride, alignment, chunk, left, residue;
    private readonly float[][] states;
    private readonly List<float>? held; // instance norm: every frame until the end
    private float[] buffer = new float[4096];
    private long bufferStart, end = long.MaxValue, frameTotal = long.MaxValue;
    private int buffered;
    private bool first = true, completed, disposed;

    /// <summary>Exports <paramref name="description"/>'s streaming models and opens a stream on them.</summary>
    /// <exception cref="ArgumentException">Invalid description or options (see <see cref="StreamingExporter.Export"/>), or a known length the frontend does not accept.</exception>
    /// <exception cref="NotSupportedException">A live stream of a frontend with instance normalisation, which needs the whole clip.</exception>
    public StreamingFrontend(FrontendDescription description, StreamingFrontendOptions? options = null)
        : this(Open(description, options ??= new()), options, ownsSessions: true) { }

    internal StreamingFrontend(StreamingSessions sessions, StreamingFrontendOptions options, bool ownsSessions)
    {
        this.sessions = sessions;
        this.ownsSessions = ownsSessions;
        try
        {
            support = sessions.Support;
            stride = support.Stride;
            alignment = support.Alignment;
            Channels = sessions.Models.Info.Channels;
            var (start, stop) = support.Samples(1000L * alignment / stride, 0);
            int needed = (int)(stop - start) + alignment;
            if (options.ChunkSamples < needed)
                throw new ArgumentOutOfRangeException(nameof(options), options.ChunkSamples, $"ChunkSamples must be at least {needed} for this frontend (one frame's samples plus one alignment step)");
            chunk = options.ChunkSamples;
            if (options.TotalSamples is long total)
            {
                int minimum = sessions.Models.Info.MinimumSamples;
                if (total < minimum) throw new ArgumentOutOfRangeException(nameof(options), total, $"the {sessions.Models.Info.Kind.ToName()} frontend needs at least {minimum} sample(s)");
                end = total;
                frameTotal = support.FrameCount(total);
                residue = (int)(total % stride);
            }
            else if (sessions.Normalization is not null)
                throw new NotSupportedException("instance normalisation divides by statistics of the whole clip: give StreamingFrontendOptions.TotalSamples, or featurize offline");
            left = support.PoolingLeft(residue);
            Latency = (int)Enumerable.Range(0, alignment / stride).Max(j => support.Samples(1000L * alignment / stride + j, left).End - (1000L * alignment / stride + j) * stride);
            states = [.. sessions.Models.StateLengths.Select(length => new float[Channels * length])];
            if (sessions.Normalization is not null) held = [];
        }
        catch
        {
            if (ownsSessions) sessions.Dispose(); // the public constructor opened them for this stream alone
            throw;
        }
    }

    /// <summary>Feature channels N.</summary>
    public int Channels { get; }

    /// <summary>
    /// Look-ahead in samples: frame j is returned once samples up to index j·S + Latency − 1 have been pushed (the fast
    /// LEAF returns its frames a block at a time, so this is the most any of them waits). Exact LEAF at 16 kHz: 481.
    /// </summary>
    public int Latency { get; }

    /// <summary>Samples pushed so far.</summary>
    public long SamplesPushed => bufferStart + buffered;

    /// <summary>Frames returned so far.</summary>
    public long FramesReturned { get; private set; }

    /// <summary>Pushes samples and returns the frames [count, N] they complete (often none).</summary>
    /// <exception cref="InvalidOperationException">More samples than the known total, or a push after <see cref="Complete()"/>.</exception>
    public float[,] Push(ReadOnlySpan<float> samples)
    {
        var frames = new FrameCollector(Channels);
        Push(samples, frames.Add);
        return frames.ToArray();
    }

    /// <summary>Pushes samples; <paramref name="onFrames"/> receives the frames they complete, in order.</summary>
    /// <inheritdoc cref="Push(ReadOnlySpan{float})" path="/exception"/>
    public void Push(ReadOnlySpan<float> samples, FramesHandler onFrames)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (completed) throw new InvalidOperationException("the stream is complete");
        if (SamplesPushed + samples.Length > end)
            throw new InvalidOperationException($"the stream was declared {end} samples long; {SamplesPushed + samples.Length} were pushed");
        while (!samples.IsEmpty)
        {
            int take = Math.Min(samples.Length, chunk);
            Append(samples[..take]);
            samples = samples[take..];
            Drain(onFrames);
        }
    }

    /// <summary>Ends the stream and returns its last frames [count, N].</summary>
    /// <exception cref="InvalidOperationException">Fewer samples than the known total, or the stream is already complete.</exception>
    public float[,] Complete()
    {
        var frames = new FrameCollector(Channels);
        Complete(frames.Add);
        return frames.ToArray();
    }

    /// <summary>Ends the stream; <paramref name="onFrames"/> receives its last frames.</summary>
    /// <inheritdoc cref="Complete()" path="/exception"/>
    public void Complete(FramesHandler onFrames)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (completed) throw new InvalidOperationException("the stream is already complete");
        if (end != long.MaxValue && SamplesPushed != end)
            throw new InvalidOperationException($"the stream was declared {end} samples long; only {SamplesPushed} were pushed");
        if (end == long.MaxValue)
        {
            // A live stream's grid is that of a whole number of strides: pad the end with zeros to one.
            long pushed = SamplesPushed;
            end = support.GridFollowsLength ? (pushed + stride - 1) / stride * stride : pushed;
            Append(new float[end - pushed]);
            frameTotal = pushed < sessions.Models.Info.MinimumSamples ? 0 : support.FrameCount(end);
        }
        Drain(onFrames);
        completed = true;
        if (held is { Count: > 0 }) Emit(RunModel(sessions.Normalization!, [(StreamingExporter.EnergiesInput, held.ToArray(), [1, held.Count / Channels, Channels])]), onFrames);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (ownsSessions) sessions.Dispose();
    }

    private static StreamingSessions Open(FrontendDescription description, StreamingFrontendOptions options) =>
        new(StreamingExporter.Export(description, new FrontendExportOptions { LeafAlgorithm = options.LeafAlgorithm }), options.Session);

    // Runs the frame-local graph on segments while some frame is determined by the samples held.
    private void Drain(FramesHandler onFrames)
    {
        while (FramesReturned < frameTotal)
        {
            long next = FramesReturned, a = SegmentStart(next);
            long reach = Math.Min(SamplesPushed, a + chunk), last = next - 1;
            while (last + 1 < frameTotal && ClippedEnd(last + 1) <= reach) last++;
            if (last < next) return; // the next frame needs samples not pushed yet
            RunSegment(a, reach, next, (int)(last - next + 1), onFrames);
            Discard(FramesReturned < frameTotal ? SegmentStart(FramesReturned) : SamplesPushed);
        }
    }

    // The aligned start of the segment that computes frame j: the signal's start, or at most one alignment step before its samples.
    private long SegmentStart(long frame) => Math.Max(0, support.Samples(frame, left).Start) / alignment * alignment;

    private long ClippedEnd(long frame) => Math.Min(support.Samples(frame, left).End, end);

    // Frames [first, first + count) from the segment [a, b): padded with zeros (beyond what those frames read) to a length ≡ T (mod S).
    private void RunSegment(long a, long b, long firstFrame, int count, FramesHandler onFrames)
    {
        int length = (int)(b - a);
        int padded = support.GridFollowsLength ? length + ((residue - length) % stride + stride) % stride : length;
        var segment = new float[padded];
        buffer.AsSpan((int)(a - bufferStart), length).CopyTo(segment);
        var local = RunModel(sessions.Frames, [(StreamingExporter.WaveformInput, segment, [1, padded])]);
        int offset = checked((int)(firstFrame - a / stride)) * Channels;
        if (offset + count * Channels > local.Length)
            throw new InvalidOperationException($"segment [{a}, {b}) gave {local.Length / Channels} frames, frame {firstFrame + count - 1} is not among them");
        float[] frames = local.AsSpan(offset, count * Channels).ToArray();
        Emit(sessions.Compression is null ? frames : Compress(frames, count), onFrames);
    }

    // sPCEN of the next frames, with the moving average's state carried from the previous ones.
    private float[] Compress(float[] frames, int count)
    {
        var inputs = new List<(string, float[], long[])>
        {
            (StreamingExporter.EnergiesInput, frames, [1, count, Channels]),
            (StreamingExporter.FirstInput, [first ? 1f : 0f], [1]),
        };
        for (int k = 0; k < states.Length; k++) inputs.Add((StreamingExporter.StateInput(k), states[k], [1, Channels, states[k].Length / Channels]));
        string[] outputs = [StreamingExporter.FeaturesOutput, .. Enumerable.Range(0, states.Length).Select(StreamingExporter.StateOutput)];
        var results = RunModel(sessions.Compression!, inputs, outputs, states);
        first = false;
        return results;
    }

    private void Emit(float[] frames, FramesHandler onFrames)
    {
        int count = frames.Length / Channels;
        if (held is not null && !completed)
        {
            held.AddRange(frames);
            FramesReturned += count;
            return;
        }
        if (held is null) FramesReturned += count;
        onFrames(frames, count);
    }

    // Runs one model; returns its first output and copies the others into extraOutputs (same sizes).
    private static float[] RunModel(InferenceSession session, IReadOnlyList<(string Name, float[] Values, long[] Shape)> inputs, string[]? outputNames = null, float[][]? extraOutputs = null)
    {
        var values = new List<OrtValue>(inputs.Count);
        try
        {
            foreach (var (_, v, shape) in inputs) values.Add(OrtValue.CreateTensorValueFromMemory(v, shape));
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, inputs.Select(i => i.Name).ToArray(), values, outputNames ?? [session.OutputNames[0]]);
            for (int k = 1; k < results.Count; k++) results[k].GetTensorDataAsSpan<float>().CopyTo(extraOutputs![k - 1]);
            return results[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
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

    // Gathers handler calls into one [frames, N] array.
    private sealed class FrameCollector(int channels)
    {
        private readonly List<float> values = [];

        public void Add(ReadOnlySpan<float> frames, int count) => values.AddRange(frames);

        public float[,] ToArray()
        {
            var result = new float[values.Count / channels, channels];
            if (result.Length > 0) CollectionsMarshal.AsSpan(values).CopyTo(MemoryMarshal.CreateSpan(ref result[0, 0], result.Length));
            return result;
        }
    }
}
