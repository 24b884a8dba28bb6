using System.Runtime.InteropServices;
using Leaf.Frontends;
using Leaf.Training.Frontends.Compression;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>
/// Featurizes a signal pushed in pieces of any size with a TorchSharp <see cref="Frontend"/>, in memory bounded by
/// <see cref="FrontendStreamOptions.ChunkSamples"/>, with the frames of its <c>forward</c> on the whole signal
/// (docs/streaming.md): the segments of a <see cref="FrameSegmenter"/> through <see cref="Frontend.FrameLocal"/>, then
/// <see cref="Frontend.Pcen"/> with its moving average carried from piece to piece, then
/// <see cref="Frontend.InstanceNorm"/> over all frames at the end. sPCEN runs on whole blocks of
/// <see cref="ExponentialMovingAverage.DefaultBlockLength"/> frames, the blocks of one call on the whole signal, so its
/// frames come up to 63 frames later than the segments determine them. Inference only: no gradients. Not thread-safe.
/// </summary>
public sealed class FrontendStream : IFrameStream
{
    private readonly Frontend frontend;
    private readonly FrameSegmenter segmenter;
    private readonly Device device;
    private readonly List<float> pending = []; // frame-local frames waiting for a whole sPCEN block
    private readonly List<float>? held; // instance norm: every frame until the end
    private Tensor? state; // the moving average of the last compressed frame
    private bool disposed;

    /// <summary>Opens a stream through <paramref name="frontend"/> (not owned: the caller disposes it).</summary>
    /// <exception cref="NotSupportedException">
    /// A warm-started sPCEN (it starts from the mean energy of the whole signal), or instance normalisation without
    /// <see cref="FrontendStreamOptions.TotalSamples"/>.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">Segments too short for the frontend, or a known length below its minimum.</exception>
    public FrontendStream(Frontend frontend, FrontendStreamOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frontend);
        options ??= new();
        var d = frontend.ToDescription();
        if (!FrameSupport.CanSegment(d))
            throw new NotSupportedException("a warm-started sPCEN (pcen.warmStart) starts from the mean energy of the whole signal, so it cannot run in segments: call forward on the whole waveform");
        if (options.TotalSamples is null && frontend.InstanceNorm is not null)
            throw new NotSupportedException("instance normalisation divides by statistics of the whole signal: give FrontendStreamOptions.TotalSamples, or call forward on the whole waveform");
        this.frontend = frontend;
        segmenter = new FrameSegmenter(FrameSupport.For(d, frontend.Algorithm), options.ChunkSamples, options.TotalSamples, frontend.MinimumSamples);
        device = options.Device ?? CPU;
        Channels = frontend.OutputChannels;
        if (frontend.InstanceNorm is not null) held = [];
    }

    /// <inheritdoc/>
    public int Channels { get; }

    /// <inheritdoc/>
    public long SamplesPushed => segmenter.SamplesPushed;

    /// <inheritdoc/>
    public long FramesReturned { get; private set; }

    /// <inheritdoc/>
    public void Push(ReadOnlySpan<float> samples, FramesHandler onFrames)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var noGrad = no_grad();
        segmenter.Push(samples, (segment, firstFrame, count) => RunSegment(segment, firstFrame, count, onFrames));
    }

    /// <inheritdoc/>
    public void Complete(FramesHandler onFrames)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var noGrad = no_grad();
        segmenter.Complete((segment, firstFrame, count) => RunSegment(segment, firstFrame, count, onFrames));
        Compress(all: true, onFrames);
        if (held is not { Count: > 0 }) return;
        using var scope = NewDisposeScope();
        var frames = FromFrames(CollectionsMarshal.AsSpan(held), held.Count / Channels);
        Hand(ToFrames(frontend.InstanceNorm!.forward(frames)), onFrames);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        state?.Dispose();
    }

    // Frame-local frames [firstFrame, firstFrame + count) of one segment, then on to sPCEN or out.
    private void RunSegment(float[] segment, int firstFrame, int count, FramesHandler onFrames)
    {
        float[] frames;
        using (NewDisposeScope())
        {
            var local = frontend.FrameLocal(tensor(segment, [1, segment.Length]).to(device));
            if (firstFrame + count > local.shape[1])
                throw new InvalidOperationException($"a segment of {segment.Length} samples gave {local.shape[1]} frames; frame {firstFrame + count - 1} is not among them");
            frames = local[0].narrow(0, firstFrame, count).contiguous().cpu().data<float>().ToArray();
        }
        if (frontend.Pcen is null) Emit(frames, onFrames);
        else
        {
            pending.AddRange(frames);
            Compress(all: false, onFrames);
        }
    }

    // sPCEN of the pending frames: whole blocks only, or all of them at the end.
    private void Compress(bool all, FramesHandler onFrames)
    {
        int available = pending.Count / Channels, block = ExponentialMovingAverage.DefaultBlockLength;
        int count = all ? available : available / block * block;
        if (count == 0) return;
        using var scope = NewDisposeScope();
        var (features, next) = frontend.Pcen!.Continue(FromFrames(CollectionsMarshal.AsSpan(pending), count), state);
        state?.Dispose();
        state = next.DetachFromDisposeScope();
        pending.RemoveRange(0, count * Channels);
        Emit(ToFrames(features), onFrames);
    }

    // Instance norm needs every frame: they are held until the end.
    private void Emit(float[] frames, FramesHandler onFrames)
    {
        if (held is not null) held.AddRange(frames);
        else Hand(frames, onFrames);
    }

    private void Hand(float[] frames, FramesHandler onFrames)
    {
        FramesReturned += frames.Length / Channels;
        onFrames(frames, frames.Length / Channels);
    }

    // Frames [count, N] (row-major) → [1, N, count] on the module's device.
    private Tensor FromFrames(ReadOnlySpan<float> values, int count) =>
        tensor(values[..(count * Channels)].ToArray(), [1, count, Channels]).to(device).transpose(1, 2);

    // [1, N, count] → row-major [count, N].
    private static float[] ToFrames(Tensor byChannel) => byChannel[0].transpose(0, 1).contiguous().cpu().data<float>().ToArray();
}
