namespace Leaf.Tests.Shared;

/// <summary>
/// Which ONNX Runtime package this test build uses (CPU, or GPU with <c>-p:LeafGpu=true</c>), and what the one-line
/// message of a CUDA request must say on a machine without a usable CUDA (this project's CI machines).
/// </summary>
public static class CudaBuild
{
#if LEAF_GPU
    /// <summary>True in the build with <c>-p:LeafGpu=true</c>.</summary>
    public const bool IsGpuBuild = true;

    /// <summary>Parts of the message for <c>cuda:0</c>: the GPU package cannot reach CUDA (on Linux the missing library is named).</summary>
    public static readonly string[] MessageParts = ["cuda:0 is not usable", "CUDA 13 and cuDNN 9"];
#else
    /// <summary>True in the build with <c>-p:LeafGpu=true</c>.</summary>
    public const bool IsGpuBuild = false;

    /// <summary>Parts of the message for <c>cuda:0</c>: the CPU package has no CUDA provider, and how to get one.</summary>
    public static readonly string[] MessageParts = ["cuda:0 needs ONNX Runtime's CUDAExecutionProvider", "-p:LeafGpu=true", "CUDA 13 and cuDNN 9"];
#endif
}
