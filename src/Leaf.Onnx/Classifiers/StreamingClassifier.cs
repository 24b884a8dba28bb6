using Leaf.Audio;

namespace Leaf.Onnx.Classifiers;

/// <summary>
/// The event timeline of a live stream: samples pushed in pieces of any size, each window of
/// <see cref="SlidingWindows"/> scored by the classifier as soon as its last sample has arrived, with the very numbers
/// <see cref="OnnxClassifier.Timeline"/> gives for the whole signal (the same windows of raw samples, the same calls).
/// It scores raw sample windows rather than frames of a <see cref="StreamingFrontend"/> because each window is
/// loudness-normalised on its own before the frontend, as in training, and the frontend is not linear: frames of the
/// un-normalised stream cannot be reused. Memory: one window (and the samples of a piece). Not thread-safe.
/// </summary>
public sealed class StreamingClassifier
{
    private readonly OnnxClassifier classifier;
    private readonly SlidingWindows windows;
    private float[] buffer; // samples from `bufferStart` on
    private long bufferStart;
    private int count;
    private bool completed;

    /// <summary>A stream scored by <paramref name="classifier"/> in <paramref name="windows"/>.</summary>
    /// <param name="classifier">The classifier (not owned: dispose it after this object's last use).</param>
    /// <param name="windows">The windows to score, in samples at the classifier's rate.</param>
    public StreamingClassifier(OnnxClassifier classifier, SlidingWindows windows)
    {
        this.classifier = classifier ?? throw new ArgumentNullException(nameof(classifier));
        this.windows = windows ?? throw new ArgumentNullException(nameof(windows));
        buffer = new float[windows.Window];
    }

    /// <summary>Samples pushed so far.</summary>
    public long SamplesPushed { get; private set; }

    /// <summary>Windows returned so far.</summary>
    public long WindowsReturned { get; private set; }

    /// <summary>Adds <paramref name="samples"/> (at the classifier's rate) and passes each window they complete to <paramref name="emit"/>, in order.</summary>
    /// <exception cref="InvalidOperationException">After <see cref="Complete"/>.</exception>
    public void Push(ReadOnlySpan<float> samples, Action<TimelineWindow> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        if (completed) throw new InvalidOperationException("the stream was completed");
        long skip = Math.Clamp(bufferStart - SamplesPushed, 0, samples.Length); // a gap between windows (hop > window) is never read
        Append(samples[(int)skip..]);
        SamplesPushed += samples.Length;
        var ready = new List<(long Start, int Length)>();
        for (long i = WindowsReturned; windows.Start(i) + windows.Window <= SamplesPushed; i++) ready.Add((windows.Start(i), windows.Window));
        Emit(ready, emit);
    }

    /// <summary>Ends the stream: a stream shorter than one window gives its one window (the whole stream); an incomplete last window is dropped, as in <see cref="SlidingWindows"/>.</summary>
    /// <exception cref="InvalidOperationException">Called twice.</exception>
    public void Complete(Action<TimelineWindow> emit)
    {
        ArgumentNullException.ThrowIfNull(emit);
        if (completed) throw new InvalidOperationException("the stream was completed");
        completed = true;
        if (WindowsReturned == 0 && SamplesPushed > 0) Emit([(0, count)], emit);
    }

    // Scores the windows (all in one call, so that they share batches), emits them, and forgets samples no later window reads.
    private void Emit(List<(long Start, int Length)> ready, Action<TimelineWindow> emit)
    {
        if (ready.Count == 0) return;
        var scores = classifier.Score([.. ready.Select(w => new ReadOnlyMemory<float>(buffer, (int)(w.Start - bufferStart), w.Length))]);
        for (int i = 0; i < ready.Count; i++) emit(new TimelineWindow(WindowsReturned + i, ready[i].Start, ready[i].Length, classifier.SampleRate, scores[i]));
        WindowsReturned += ready.Count;
        long next = windows.Start(WindowsReturned);
        int drop = (int)Math.Min(count, next - bufferStart);
        buffer.AsSpan(drop, count - drop).CopyTo(buffer);
        (bufferStart, count) = (next, count - drop);
    }

    private void Append(ReadOnlySpan<float> samples)
    {
        if (count + samples.Length > buffer.Length) Array.Resize(ref buffer, Math.Max(2 * buffer.Length, count + samples.Length));
        samples.CopyTo(buffer.AsSpan(count));
        count += samples.Length;
    }
}
