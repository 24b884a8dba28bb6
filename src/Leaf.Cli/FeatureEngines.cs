using System.Runtime.CompilerServices;
using Leaf.Frontends;
using Leaf.Onnx;
using Leaf.Training.Frontends;
using TorchSharp;

namespace Leaf.Cli;

/// <summary>Features of one waveform: row-major [frames, channels].</summary>
internal sealed record Features(float[] Values, int Frames, int Channels);

/// <summary>A frontend ready to run on single waveforms.</summary>
internal interface IFeaturizer : IDisposable
{
    Features Featurize(float[] waveform);
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
        "onnx" => new OnnxFeaturizer(description, algorithm, device),
        "torch" => CreateTorch(description, algorithm, device),
        _ => throw new ArgumentException($"unknown engine '{engine}'"),
    };

    // A method of its own, never inlined, so that compiling Create (the ONNX engine's path) loads neither TorchSharp nor Leaf.Training.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IFeaturizer CreateTorch(FrontendDescription description, LeafAlgorithm algorithm, string device) =>
        new TorchFeaturizer(description, algorithm, Leaf.Training.TorchRuntime.Device(device));

    private sealed class OnnxFeaturizer(FrontendDescription description, LeafAlgorithm algorithm, string device) : IFeaturizer
    {
        private readonly OnnxFrontend _frontend = new(FrontendExporter.Export(description, new FrontendExportOptions { LeafAlgorithm = algorithm }), new OnnxFrontendOptions { ExecutionProvider = device });

        public Features Featurize(float[] waveform)
        {
            float[,] y = _frontend.Featurize(waveform);
            var values = new float[y.Length];
            Buffer.BlockCopy(y, 0, values, 0, values.Length * sizeof(float));
            return new Features(values, y.GetLength(0), y.GetLength(1));
        }

        public void Dispose() => _frontend.Dispose();
    }

    private sealed class TorchFeaturizer(FrontendDescription description, LeafAlgorithm algorithm, torch.Device device) : IFeaturizer
    {
        private readonly torch.nn.Module<torch.Tensor, torch.Tensor> _module = FrontendFactory.Create(description, algorithm).to(device);

        public Features Featurize(float[] waveform)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            _module.eval();
            var y = _module.forward(torch.tensor(waveform).unsqueeze(0).to(device)).cpu();
            return new Features(y.data<float>().ToArray(), (int)y.shape[1], (int)y.shape[2]);
        }

        public void Dispose() => _module.Dispose();
    }
}
