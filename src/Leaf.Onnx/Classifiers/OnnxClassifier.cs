using Leaf.Audio;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Onnx.Classifiers;

/// <summary>
/// Scores waveforms with an exported classifier (<see cref="ClassifierExporter"/>) and ONNX Runtime: one
/// <see cref="InferenceSession"/> for the object's lifetime; each waveform is cut into windows of the model's clip length
/// (<see cref="ClipWindows"/>), the windows of all waveforms of a call are packed into runs of
/// <see cref="OnnxClassifierOptions.BatchWindows"/>, written into input and output buffers allocated once; a file's logits
/// are the mean of its windows' logits and its probabilities the softmax of that mean. Calls are serialised (thread-safe).
/// </summary>
public sealed class OnnxClassifier : IDisposable
{
    private readonly OnnxClassifierOptions options;
    private readonly SessionOptions sessionOptions;
    private readonly InferenceSession session;
    private readonly string[] outputNames;
    private readonly float[] input;
    private readonly float[][] outputs; // per output name: [BatchWindows × width]
    private readonly int[] widths;
    private readonly Lock gate = new();
    private bool disposed;

    /// <summary>Most samples one batch may hold (<see cref="OnnxClassifierOptions.BatchWindows"/> × the model's clip length): 1 GiB of float32.</summary>
    public const long MaxBatchSamples = 1L << 28;

    /// <summary>Loads the model at <paramref name="modelPath"/>.</summary>
    /// <exception cref="FormatException">The file is not a LEAF for .NET classifier model (or lacks the <c>embedding</c> output when embeddings are asked for).</exception>
    /// <exception cref="NotSupportedException">The execution provider is not available in this build.</exception>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public OnnxClassifier(string modelPath, OnnxClassifierOptions? options = null)
        : this(options, o => OnnxSessionSettings.Load(modelPath, o), modelPath) { }

    /// <summary>Loads a model held in memory.</summary>
    /// <inheritdoc cref="OnnxClassifier(string, OnnxClassifierOptions?)" path="/exception"/>
    public OnnxClassifier(byte[] model, OnnxClassifierOptions? options = null)
        : this(options, o => new InferenceSession(model, o), "ONNX model") { }

    private OnnxClassifier(OnnxClassifierOptions? options, Func<SessionOptions, InferenceSession> open, string source)
    {
        this.options = options ??= new();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchWindows, nameof(options));
        sessionOptions = OnnxSessionSettings.Create(options.Session, out var provider);
        ExecutionProvider = provider;
        try
        {
            session = OnnxSessionSettings.Open(open, sessionOptions, source);
            try
            {
                Info = ClassifierModelInfo.FromMetadata(session.ModelMetadata.CustomMetadataMap, source);
                ClassifierWindowing.RequireNotWindowed(session.ModelMetadata.CustomMetadataMap, source);
                Info.Frontend.RequireValidLength(Info.ClipSamples);
                var names = Info.Tasks.Select((_, i) => Info.LogitsOutput(i)).ToList();
                if (options.Embeddings) names.Add(ClassifierModelInfo.EmbeddingName);
                outputNames = [.. names];
                widths = [.. outputNames.Select(n => OutputWidth(session, n, source))];
                Info.RequireMatchingGraph(n => OutputWidth(session, n, source), source);
                if ((long)options.BatchWindows * Info.ClipSamples > MaxBatchSamples)
                    throw new ArgumentException($"a batch of {options.BatchWindows} windows of {Info.ClipSamples} samples (the model's clip) exceeds {MaxBatchSamples} samples (1 GiB); use a smaller batch", nameof(options));
                EmbeddingSize = options.Embeddings ? widths[^1] : 0;
            }
            catch
            {
                session.Dispose();
                throw;
            }
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
        input = new float[options.BatchWindows * Info.ClipSamples];
        outputs = [.. widths.Select(w => new float[options.BatchWindows * w])];
    }

    /// <summary>The model's metadata: frontend, tasks with labels, encoder, clip length.</summary>
    public ClassifierModelInfo Info { get; }

    /// <summary>The execution provider the session runs on.</summary>
    public OnnxExecutionProvider ExecutionProvider { get; }

    /// <summary>Sample rate the model expects, in Hz.</summary>
    public int SampleRate => Info.Frontend.SampleRate;

    /// <summary>Size of <see cref="ClassifierScore.Embedding"/>; 0 when embeddings were not asked for.</summary>
    public int EmbeddingSize { get; }

    /// <summary>Scores one waveform (float32 samples at <see cref="SampleRate"/>).</summary>
    /// <exception cref="ArgumentException">The waveform is empty.</exception>
    /// <exception cref="ObjectDisposedException">The classifier was disposed.</exception>
    public ClassifierScore Score(float[] waveform) => Score([waveform])[0];

    /// <summary>Scores waveforms, windows of several waveforms sharing runs; results in the order given.</summary>
    /// <inheritdoc cref="Score(float[])" path="/exception"/>
    public IReadOnlyList<ClassifierScore> Score(IReadOnlyList<float[]> waveforms)
    {
        ArgumentNullException.ThrowIfNull(waveforms);
        return Score([.. waveforms.Select(w => (ReadOnlyMemory<float>)w)]);
    }

    /// <summary>Scores waveforms given as pieces of memory (parts of longer signals, without copying them); results in the order given.</summary>
    /// <inheritdoc cref="Score(float[])" path="/exception"/>
    public IReadOnlyList<ClassifierScore> Score(IReadOnlyList<ReadOnlyMemory<float>> waveforms)
    {
        ArgumentNullException.ThrowIfNull(waveforms);
        for (int f = 0; f < waveforms.Count; f++)
            if (waveforms[f].Length == 0) throw new ArgumentException($"waveform {f} is empty", nameof(waveforms));
        int clip = Info.ClipSamples;
        var windows = new List<(int File, int Window)>();
        for (int f = 0; f < waveforms.Count; f++)
            for (int w = 0; w < ClipWindows.Count(waveforms[f].Length, clip); w++) windows.Add((f, w));
        var sums = widths.Select(w => new double[waveforms.Count * w]).ToArray();
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            for (int start = 0; start < windows.Count; start += options.BatchWindows)
            {
                int batch = Math.Min(options.BatchWindows, windows.Count - start);
                for (int b = 0; b < batch; b++)
                    ClipWindows.Fill(waveforms[windows[start + b].File].Span, windows[start + b].Window, input.AsSpan(b * clip, clip), options.Loudness);
                input.AsSpan(batch * clip).Clear();
                Run(options.BatchWindows); // always the full batch: the same shapes give the same kernels, so results do not depend on the batch's other windows
                for (int o = 0; o < outputs.Length; o++)
                    for (int b = 0; b < batch; b++)
                        Accumulate(outputs[o].AsSpan(b * widths[o], widths[o]), sums[o].AsSpan(windows[start + b].File * widths[o], widths[o]));
            }
        }
        var counts = new int[waveforms.Count];
        foreach (var (file, _) in windows) counts[file]++;
        return [.. Enumerable.Range(0, waveforms.Count).Select(f => Result(sums, f, counts[f]))];
    }

    /// <summary>
    /// The event timeline of <paramref name="waveform"/>: each of its <paramref name="windows"/> (complete windows only;
    /// one window, the whole waveform, when it is shorter than one) scored as <see cref="Score(float[])"/> scores a
    /// file holding just that window's samples — clip-length pieces, each loudness-normalised on its own, mean logits.
    /// </summary>
    /// <inheritdoc cref="Score(float[])" path="/exception"/>
    public IReadOnlyList<TimelineWindow> Timeline(ReadOnlyMemory<float> waveform, SlidingWindows windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (waveform.IsEmpty) throw new ArgumentException("the waveform is empty", nameof(waveform));
        var spans = new List<(long Start, int Length)>();
        for (long i = 0, n = windows.Count(waveform.Length); i < n; i++) spans.Add((windows.Start(i), windows.Length(i, waveform.Length)));
        var scores = Score([.. spans.Select(s => waveform.Slice((int)s.Start, s.Length))]);
        return [.. spans.Select((s, i) => new TimelineWindow(i, s.Start, s.Length, SampleRate, scores[i]))];
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed) return;
            disposed = true;
            session.Dispose();
            sessionOptions.Dispose();
        }
    }

    private ClassifierScore Result(double[][] sums, int file, int windowCount)
    {
        float[] Mean(int o) => [.. sums[o].AsSpan(file * widths[o], widths[o]).ToArray().Select(s => (float)(s / windowCount))];
        var tasks = Info.Tasks.Select((task, i) =>
        {
            float[] logits = Mean(i);
            return new TaskScore(task, logits, TaskScore.Softmax(logits));
        }).ToArray();
        return new ClassifierScore(tasks, options.Embeddings ? Mean(outputs.Length - 1) : null, windowCount);
    }

    private static void Accumulate(ReadOnlySpan<float> row, Span<double> sum)
    {
        for (int i = 0; i < row.Length; i++) sum[i] += row[i];
    }

    // One session.Run of the first `batch` windows, ONNX Runtime writing into the preallocated output buffers.
    private void Run(int batch)
    {
        using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, batch * Info.ClipSamples), [batch, Info.ClipSamples]);
        var outputValues = new OrtValue[outputs.Length];
        try
        {
            for (int o = 0; o < outputs.Length; o++)
                outputValues[o] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, outputs[o].AsMemory(0, batch * widths[o]), [batch, widths[o]]);
            using var runOptions = new RunOptions();
            session.Run(runOptions, [FrontendExporter.InputName], [inputValue], outputNames, outputValues);
        }
        finally
        {
            foreach (var value in outputValues) value?.Dispose();
        }
    }

    private static int OutputWidth(InferenceSession session, string name, string source)
    {
        if (!session.OutputMetadata.TryGetValue(name, out var meta))
            throw new FormatException(name == ClassifierModelInfo.EmbeddingName
                ? $"{source}: the model has no '{name}' output (export it again with this version to get embeddings)"
                : $"{source}: a classifier model has output '{name}'");
        int width = meta.Dimensions.Length == 2 ? meta.Dimensions[1] : -1;
        if (width < 1) throw new FormatException($"{source}: output '{name}' is not [batch, n] with a fixed n");
        return width;
    }
}
