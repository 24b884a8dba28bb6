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

    /// <summary>
    /// <see cref="OnnxFrontend.Featurize"/> runs waveforms longer than this many samples in overlapping segments of at
    /// most this length (<see cref="StreamingFrontend"/>): the frames of one run, in memory bounded by the segment
    /// instead of the waveform. Default 2^17 (8.2 s at 16 kHz); 0 runs every waveform whole. Models with a fixed input
    /// length are always run whole.
    /// </summary>
    public int ChunkSamples { get; init; } = 1 << 17;
}
