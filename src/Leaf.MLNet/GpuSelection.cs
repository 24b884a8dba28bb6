using Leaf.Onnx;

namespace Leaf.MLNet;

/// <summary>
/// Picks the device for ML.NET's ONNX transform. ML.NET's own fallback only catches ONNX Runtime errors: with the
/// CPU-only package a GPU request fails with <see cref="EntryPointNotFoundException"/>, and with the GPU package but no
/// CUDA it fails when the model is loaded. So the device is probed here first (<see cref="CudaAvailability"/>).
/// </summary>
internal static class GpuSelection
{
    /// <summary>The GPU id to hand to ML.NET, or <see langword="null"/> for the CPU.</summary>
    /// <exception cref="NotSupportedException">The GPU is not usable and <paramref name="fallbackToCpu"/> is false; the message says why.</exception>
    public static int? Resolve(int? gpuDeviceId, bool fallbackToCpu)
    {
        if (gpuDeviceId is not int id) return null;
        if (id < 0) throw new ArgumentOutOfRangeException(nameof(gpuDeviceId), id, "GpuDeviceId cannot be negative");
        if (CudaAvailability.Problem(id) is not string problem) return id;
        if (fallbackToCpu) return null;
        throw new NotSupportedException($"GpuDeviceId = {id}: {problem}; set FallbackToCpu = true (or GpuDeviceId = null) to run on the CPU");
    }
}
