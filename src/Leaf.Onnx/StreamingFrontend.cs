using System.Runtime.InteropServices;
using Leaf.Frontends;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Onnx;

/// <summary>
/// Featurizes a signal pushed in pieces of any size (one sample, a block from a sound card, a file read by windows),
/// returning each frame as soon as the samples it depends on have arrived, with the frames of one offline run of the
/// same signal (<see cref="StreamingFrontendOptions.TotalSamples"/> says when exactly), in memory bounded by
/// <see cref="StreamingFrontendOptions.ChunkSamples"/>. Runs the <see cref="StreamingModels"/> on ONNX Runtime: overlapping
/// segments through the frame-local graph (<see cref="FrameSupport"/>), then sPCEN with its state carried. Not
/// thread-safe: one stream per instance.
/// </summary>
public sealed class StreamingFrontend : IFrameStream
{
    private readonly StreamingSessions sessions;
    private readonly bool ownsSessions;
    private readonly FrameSegmenter segmenter;
    private readonly float[][] states;
    private readonly List<float>? held; // instance norm: every frame until the end
    private bool first = true, disposed;

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
            Channels = sessions.Models.Info.Channels;
            if (options.TotalSamples is null && sessions.Normalization is not null)
                throw new NotSupportedException("instance normalisation divides by statistics of the whole clip: give StreamingFrontendOptions.TotalSamples, or featurize offline");
            segmenter = new FrameSegmenter(sessions.Support, options.ChunkSamples, options.TotalSamples, sessions.Models.Info.MinimumSamples);
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
    public int Latency => segmenter.Latency;

    /// <summary>Samples pushed so far.</summary>
    public long SamplesPushed => segmenter.SamplesPushed;

    /// <summary>Frames returned so far.</summary>
    public long FramesReturned => segmenter.FramesDetermined;

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
        segmenter.Push(samples, (segment, firstFrame, count) => RunSegment(segment, firstFrame, count, onFrames));
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
        segmenter.Complete((segment, firstFrame, count) => RunSegment(segment, firstFrame, count, onFrames));
        if (held is { Count: > 0 }) onFrames(RunModel(sessions.Normalization!, [(StreamingExporter.EnergiesInput, held.ToArray(), [1, held.Count / Channels, Channels])]), held.Count / Channels);
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

    // The frames model on one segment; its local frames [firstFrame, firstFrame + count) are the stream's next frames.
    private void RunSegment(float[] segment, int firstFrame, int count, FramesHandler onFrames)
    {
        var local = RunModel(sessions.Frames, [(StreamingExporter.WaveformInput, segment, [1, segment.Length])]);
        if ((firstFrame + count) * Channels > local.Length)
            throw new InvalidOperationException($"a segment of {segment.Length} samples gave {local.Length / Channels} frames; frame {firstFrame + count - 1} is not among them");
        float[] frames = local.AsSpan(firstFrame * Channels, count * Channels).ToArray();
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

    // Instance norm needs every frame: they are held until the end.
    private void Emit(float[] frames, FramesHandler onFrames)
    {
        if (held is not null) held.AddRange(frames);
        else onFrames(frames, frames.Length / Channels);
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
