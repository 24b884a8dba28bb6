namespace Leaf.Onnx;

/// <summary>Session settings of <see cref="OnnxFrontend"/>.</summary>
public sealed record OnnxFrontendOptions
{
    /// <summary>Threads ONNX Runtime may use inside one operator; 0 (the default) lets it choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Execution provider: <c>cpu</c> (default), <c>cuda</c> or <c>cuda:ID</c>.</summary>
    public string ExecutionProvider { get; init; } = "cpu";

    /// <summary>
    /// Whether idle intra-op threads spin-wait for work (ONNX Runtime's default). Turn it off when other threads, such as
    /// audio decoders, share the CPU.
    /// </summary>
    public bool AllowSpinning { get; init; } = true;
}
