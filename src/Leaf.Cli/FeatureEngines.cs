using System.Runtime.CompilerServices;
using Leaf.Frontends;
using Leaf.Onnx;
using Leaf.Training.Frontends;
using TorchSharp;

namespace Leaf.Cli;

/// <summary>Features of one waveform: row-major [frames, channels].</summary>
internal sealed record Features(float[] Values, int Frames, int Channels);

/// <summary>A frontend ready to run on single waveforms, whole or pushed in pieces.</summary>
internal interface IFeaturizer : IDisposable
{
    /// <summary>The frontend (initial parameters filled in).</summary>
    FrontendDescription Description { get; }

    /// <summary>How a LEAF frontend computes its energies.</summary>
    LeafAlgorithm Algorithm { get; }

    /// <summary>Features of a whole waveform; a long one runs in segments (docs/streaming.md) when the frontend allows it.</summary>
    Features Featurize(float[] waveform);

    /// <summary>A stream of a signal of <paramref name="totalSamples"/> samples: the frames of one offline run of it (needs <see cref="FrameSupport.CanSegment"/>).</summary>
    IFrameStream Open(long totalSamples);
}

/// <summary>The engines that run frontends: ONNX Runtime (default) and TorchSharp.</summary>
internal static class FeatureEngines
{
    public const string DefaultEngine = "onnx";
    public static readonly string[] Names = ["onnx", "torch"];

    /// <summary>The featurizer of <paramref name="engine"/> on <paramref name="device"/> (cpu, cuda, cuda:ID).</summary>
    /// <exception cref="NotSupportedException">CUDA cannot run here (ONNX Runtime); the message says why.</exception>
    /// <exception cref="InvalidOperationException">CUDA asked of the CPU-only libtorch (TorchSharp).</exception>
    public static IFeaturizer Create(string engine, FrontendDescription description, LeafAlgorithm algorithm = LeafAlgorithm.Exact, string device = "cpu") => engine switch
    {
        "onnx" => new OnnxFeaturizer(description.WithInitialParameters(), algorithm, device),
        "torch" => CreateTorch(description.WithInitialParameters(), algorithm, device),
        _ => throw new ArgumentException($"unknown engine '{engine}'"),
    };

    /// <summary>All the frames of <paramref name="waveform"/> pushed through <paramref name="stream"/> (disposed).</summary>
    private static Features Collect(IFrameStream stream, float[] waveform)
    {
        using (stream)
        {
            var values = new List<float>();
            void Add(ReadOnlySpan<float> frames, int count) => values.AddRange(frames);
            stream.Push(waveform, Add);
            stream.Complete(Add);
            return new Features([.. values], values.Count / stream.Channels, stream.Channels);
        }
    }

    // A method of its own, never inlined, so that compiling Create (the ONNX engine's path) loads neither TorchSharp nor Leaf.Training.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IFeaturizer CreateTorch(FrontendDescription description, LeafAlgorithm algorithm, string device) =>
        new TorchFeaturizer(description, algorithm, Leaf.Training.TorchRuntime.Device(device));

    private sealed class OnnxFeaturizer(FrontendDescription description, LeafAlgorithm algorithm, string device) : IFeaturizer
    {
        // A frontend that cannot stream (a warm-started sPCEN) gets the segmented one-model export: its memory does not grow with the length either.
        private readonly OnnxFrontend _frontend = new(FrontendExporter.Export(description, new FrontendExportOptions
        {
            LeafAlgorithm = algorithm, SegmentSamples = FrameSupport.CanSegment(description) ? null : new StreamingFrontendOptions().ChunkSamples,
        }), new OnnxFrontendOptions { ExecutionProvider = device });

        public FrontendDescription Description => description;

        public LeafAlgorithm Algorithm => algorithm;

        // OnnxFrontend runs long waveforms in segments itself (through the streaming models, or inside the segmented model).
        public Features Featurize(float[] waveform)
        {
            float[,] y = _frontend.Featurize(waveform);
            var values = new float[y.Length];
            Buffer.BlockCopy(y, 0, values, 0, values.Length * sizeof(float));
            return new Features(values, y.GetLength(0), y.GetLength(1));
        }

        public IFrameStream Open(long totalSamples) => new StreamingFrontend(description, new StreamingFrontendOptions
        {
            TotalSamples = totalSamples, LeafAlgorithm = algorithm, Session = new OnnxFrontendOptions { ExecutionProvider = device },
        });

        public void Dispose() => _frontend.Dispose();
    }

    private sealed class TorchFeaturizer(FrontendDescription description, LeafAlgorithm algorithm, torch.Device device) : IFeaturizer
    {
        private readonly Frontend _module = FrontendFactory.Create(description, algorithm).to(device);

        public FrontendDescription Description => description;

        public LeafAlgorithm Algorithm => algorithm;

        public Features Featurize(float[] waveform)
        {
            if (FrameSupport.CanSegment(description) && waveform.Length > new FrontendStreamOptions().ChunkSamples) return Collect(Open(waveform.Length), waveform);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            _module.eval();
            var y = _module.forward(torch.tensor(waveform).unsqueeze(0).to(device)).cpu();
            return new Features(y.data<float>().ToArray(), (int)y.shape[1], (int)y.shape[2]);
        }

        public IFrameStream Open(long totalSamples)
        {
            _module.eval();
            return new FrontendStream(_module, new FrontendStreamOptions { TotalSamples = totalSamples, Device = device });
        }

        public void Dispose() => _module.Dispose();
    }
}
