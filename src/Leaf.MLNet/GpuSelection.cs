using Microsoft.ML.OnnxRuntime;

namespace Leaf.MLNet;

/// <summary>
/// Picks the device for ML.NET's ONNX transform. ML.NET's own fallback only catches ONNX Runtime errors, and with the
/// CPU-only package a GPU request fails with <see cref="EntryPointNotFoundException"/> instead; so the providers are
/// checked here first.
/// </summary>
internal static class GpuSelection
{
    private const string Cuda = "CUDAExecutionProvider";

    /// <summary>The GPU id to hand to ML.NET, or <see langword="null"/> for the CPU.</summary>
    public static int? Resolve(int? gpuDeviceId, bool fallbackToCpu)
    {
        if (gpuDeviceId is not int id) return null;
        if (id < 0) throw new ArgumentOutOfRangeException(nameof(gpuDeviceId), id, "GpuDeviceId cannot be negative");
        if (OrtEnv.Instance().GetAvailableProviders().Contains(Cuda)) return id;
        if (fallbackToCpu) return null;
        throw new NotSupportedException(
            $"GPU {id} was asked for, but this ONNX Runtime has no {Cuda} (CPU-only package); build with -p:LeafGpu=true or set FallbackToCpu");
    }
}
