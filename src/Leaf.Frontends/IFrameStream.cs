namespace Leaf.Frontends;

/// <summary>
/// A frontend featurizing one signal pushed in pieces of any size (docs/streaming.md), whatever engine runs it: each
/// frame is handed over as soon as the samples it depends on have arrived, and the frames are those of one offline run
/// of the same signal. Implemented by <c>Leaf.Onnx.StreamingFrontend</c> (ONNX Runtime) and
/// <c>Leaf.Training.Frontends.FrontendStream</c> (TorchSharp). One stream per signal; not thread-safe.
/// </summary>
public interface IFrameStream : IDisposable
{
    /// <summary>Feature channels N.</summary>
    int Channels { get; }

    /// <summary>Samples pushed so far.</summary>
    long SamplesPushed { get; }

    /// <summary>Frames handed over so far.</summary>
    long FramesReturned { get; }

    /// <summary>Pushes samples; <paramref name="onFrames"/> receives the frames they complete, in order.</summary>
    /// <exception cref="InvalidOperationException">More samples than a known total, or a push after <see cref="Complete"/>.</exception>
    void Push(ReadOnlySpan<float> samples, FramesHandler onFrames);

    /// <summary>Ends the signal; <paramref name="onFrames"/> receives its last frames.</summary>
    /// <exception cref="InvalidOperationException">Fewer samples than a known total, or the stream is already complete.</exception>
    void Complete(FramesHandler onFrames);
}
