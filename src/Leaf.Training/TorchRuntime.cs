using TorchSharp;

namespace Leaf.Training;

/// <summary>Facts about the TorchSharp/libtorch backend in this process, for <c>leaf info</c> and diagnostics.</summary>
public static class TorchRuntime
{
    /// <summary>TorchSharp's assembly version.</summary>
    public static string TorchSharpVersion => typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>Whether libtorch's CUDA backend is usable (false with the TorchSharp-cpu package).</summary>
    public static bool CudaAvailable => torch.cuda.is_available();

    /// <summary>Number of intra-op threads libtorch uses.</summary>
    public static int Threads => torch.get_num_threads();

    /// <summary>Resolves <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>, failing clearly when CUDA is asked for but absent.</summary>
    /// <exception cref="InvalidOperationException">CUDA requested with a CPU-only libtorch.</exception>
    public static torch.Device Device(string name)
    {
        if (name.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) && !CudaAvailable)
            throw new InvalidOperationException(
                $"device '{name}' requested, but this build's libtorch has no CUDA: it uses TorchSharp-cpu (CUDA training needs TorchSharp-cuda-linux or -windows, libtorch for CUDA 12.8, which this project's package source does not serve); use --device cpu");
        return torch.device(name);
    }
}
