using Leaf.Audio;

namespace Leaf.Onnx.Classifiers;

/// <summary>Settings of <see cref="OnnxClassifier"/>.</summary>
public sealed record OnnxClassifierOptions
{
    /// <summary>
    /// ONNX Runtime session settings: threads, execution provider (<c>cpu</c>, <c>cuda</c>, <c>cuda:ID</c>), spinning.
    /// Default: one intra-op thread, which makes every value independent of the other windows in its batch (with more
    /// threads ONNX Runtime's CPU kernels may split a batch differently, changing the last bit of some values).
    /// </summary>
    public OnnxFrontendOptions Session { get; init; } = new() { IntraOpThreads = 1 };

    /// <summary>Windows per <c>session.Run</c> (default 8: on CPU, larger batches of LEAF's wide intermediate tensors fall out of cache); the input and output buffers are sized for it once.</summary>
    public int BatchWindows { get; init; } = 8;

    /// <summary>Loudness normalisation of each window, as in training (default: the paper's); null for none.</summary>
    public LoudnessOptions? Loudness { get; init; } = LoudnessOptions.Paper;

    /// <summary>Whether scores carry the file's embedding (mean over windows of the <c>embedding</c> output).</summary>
    public bool Embeddings { get; init; }
}
