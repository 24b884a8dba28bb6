using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Leaf.Onnx;

/// <summary>
/// Runs an exported frontend (<see cref="FrontendExporter"/>) with ONNX Runtime: one <see cref="InferenceSession"/>,
/// reused for every call (<see cref="Featurize"/> is thread-safe), outputs written straight into the returned arrays.
/// </summary>
public sealed class OnnxFrontend : IDisposable
{
    private static readonly string[] InputNames = [FrontendExporter.InputName];
    private static readonly string[] OutputNames = [FrontendExporter.OutputName];
    private readonly OnnxFrontendOptions options;
    private readonly SessionOptions sessionOptions;
    private readonly InferenceSession session;
    private readonly Lazy<StreamingSessions> streaming;
    private bool disposed;

    /// <summary>Loads the model at <paramref name="modelPath"/>.</summary>
    /// <exception cref="FormatException">The file is not a LEAF for .NET frontend model.</exception>
    /// <exception cref="NotSupportedException">The execution provider is not available in this build.</exception>
    public OnnxFrontend(string modelPath, OnnxFrontendOptions? options = null)
        : this(options, o => OnnxSessionSettings.Load(modelPath, o), modelPath) { }

    /// <summary>Loads a model held in memory.</summary>
    /// <inheritdoc cref="OnnxFrontend(string, OnnxFrontendOptions?)" path="/exception"/>
    public OnnxFrontend(byte[] model, OnnxFrontendOptions? options = null)
        : this(options, o => new InferenceSession(model, o), "ONNX model") { }

    private OnnxFrontend(OnnxFrontendOptions? options, Func<SessionOptions, InferenceSession> open, string source)
    {
        this.options = options ??= new();
        if (options.ChunkSamples < 0) throw new ArgumentOutOfRangeException(nameof(options), options.ChunkSamples, "ChunkSamples cannot be negative");
        streaming = new(() => new StreamingSessions(
            StreamingExporter.Export(Info!.Frontend, new FrontendExportOptions // the offline graph's moving-average steps
            {
                LeafAlgorithm = Info.LeafAlgorithm, MaxFrames = Info.MaxFrames ?? new FrontendExportOptions().MaxFrames,
            }), this.options));
        sessionOptions = OnnxSessionSettings.Create(options, out var provider);
        ExecutionProvider = provider;
        try
        {
            session = OnnxSessionSettings.Open(open, sessionOptions, source);
            try
            {
                Info = OnnxModelInfo.FromMetadata(session.ModelMetadata.CustomMetadataMap, source);
                if (!session.InputMetadata.ContainsKey(FrontendExporter.InputName) || !session.OutputMetadata.ContainsKey(FrontendExporter.OutputName))
                    throw new FormatException($"{source}: a frontend model has input '{FrontendExporter.InputName}' and output '{FrontendExporter.OutputName}'");
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
    }

    /// <summary>The model's metadata: frontend description, frame bound, fixed length.</summary>
    public OnnxModelInfo Info { get; }

    /// <summary>The execution provider the session runs on.</summary>
    public OnnxExecutionProvider ExecutionProvider { get; }

    /// <summary>Feature channels N.</summary>
    public int Channels => Info.Channels;

    /// <summary>
    /// Features [frames, channels] of one waveform (float32 samples at <see cref="OnnxModelInfo.SampleRate"/>); waveforms
    /// longer than <see cref="OnnxFrontendOptions.ChunkSamples"/> run in segments, with the same frames.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not accepted by the model (see <see cref="OnnxModelInfo.RequireValidLength"/>).</exception>
    /// <exception cref="ObjectDisposedException">The frontend was disposed.</exception>
    public float[,] Featurize(ReadOnlySpan<float> waveform)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Info.RequireValidLength(waveform.Length);
        var features = new float[Info.FrameCount(waveform.Length), Channels];
        if (Info.FixedSamples is null && options.ChunkSamples > 0 && waveform.Length > options.ChunkSamples && StreamingExporter.CanStream(Info.Frontend)) FeaturizeInChunks(waveform, features);
        else Run(waveform.ToArray(), 1, waveform.Length, features);
        return features;
    }

    // The same frames through the streaming models, segment by segment, written straight into features.
    private void FeaturizeInChunks(ReadOnlySpan<float> waveform, float[,] features)
    {
        var chunked = new StreamingFrontendOptions { TotalSamples = waveform.Length, ChunkSamples = options.ChunkSamples, LeafAlgorithm = Info.LeafAlgorithm };
        using var stream = new StreamingFrontend(streaming.Value, chunked, ownsSessions: false);
        int written = 0;
        void Write(ReadOnlySpan<float> frames, int count)
        {
            frames.CopyTo(MemoryMarshal.CreateSpan(ref features[0, 0], features.Length)[written..]);
            written += frames.Length;
        }
        stream.Push(waveform, Write);
        stream.Complete(Write);
    }

    /// <summary>Features [batch, frames, channels] of equally long waveforms, in one run.</summary>
    /// <exception cref="ArgumentException">The batch is empty, the lengths differ, or the length is not accepted by the model.</exception>
    /// <exception cref="ObjectDisposedException">The frontend was disposed.</exception>
    public float[,,] FeaturizeBatch(IReadOnlyList<float[]> waveforms)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (waveforms.Count == 0) throw new ArgumentException("the batch is empty", nameof(waveforms));
        int samples = waveforms[0].Length;
        for (int i = 1; i < waveforms.Count; i++)
            if (waveforms[i].Length != samples)
                throw new ArgumentException($"all waveforms of a batch must have the same length: waveform 0 has {samples} samples, waveform {i} has {waveforms[i].Length}", nameof(waveforms));
        Info.RequireValidLength(samples);
        var input = new float[waveforms.Count * samples];
        for (int i = 0; i < waveforms.Count; i++) waveforms[i].CopyTo(input, i * samples);
        var features = new float[waveforms.Count, Info.FrameCount(samples), Channels];
        Run(input, waveforms.Count, samples, features);
        return features;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        if (streaming.IsValueCreated) streaming.Value.Dispose();
        session.Dispose();
        sessionOptions.Dispose();
    }

    // Runs [batch, samples] → [batch, frames, channels], ONNX Runtime writing into the pinned output array.
    private void Run(float[] input, int batch, int samples, Array output)
    {
        long[] outputShape = [batch, output.Length / batch / Channels, Channels];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [batch, samples]);
        var pin = GCHandle.Alloc(output, GCHandleType.Pinned);
        try
        {
            using var outputValue = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, outputShape,
                pin.AddrOfPinnedObject(), (long)output.Length * sizeof(float));
            using var runOptions = new RunOptions();
            session.Run(runOptions, InputNames, [inputValue], OutputNames, [outputValue]);
        }
        finally
        {
            pin.Free();
        }
    }
}
