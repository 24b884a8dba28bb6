namespace Leaf.Onnx.Classifiers;

/// <summary>One window of an event timeline (<see cref="OnnxClassifier.Timeline"/>, <see cref="StreamingClassifier"/>) and its score.</summary>
/// <param name="Index">Window number, from 0.</param>
/// <param name="FirstSample">Its first sample.</param>
/// <param name="Samples">Samples it covers (the window length; the whole signal when that is shorter).</param>
/// <param name="SampleRate">The rate of the samples, in Hz.</param>
/// <param name="Score">Its score: per task, the mean logits of its clip-length pieces and their softmax.</param>
public sealed record TimelineWindow(long Index, long FirstSample, int Samples, int SampleRate, ClassifierScore Score)
{
    /// <summary>Start time in seconds.</summary>
    public double Start => (double)FirstSample / SampleRate;

    /// <summary>End time in seconds (exclusive).</summary>
    public double End => (double)(FirstSample + Samples) / SampleRate;
}
