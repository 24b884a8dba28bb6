using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Onnx;

/// <summary>Where ONNX Runtime runs a model: <c>cpu</c>, or <c>cuda</c> / <c>cuda:ID</c> (needs the build with -p:LeafGpu=true).</summary>
/// <param name="IsCuda">True for the CUDA execution provider.</param>
/// <param name="DeviceId">CUDA device index (0 for the CPU).</param>
public readonly record struct OnnxExecutionProvider(bool IsCuda, int DeviceId)
{
    /// <summary>The CPU provider.</summary>
    public static OnnxExecutionProvider Cpu { get; } = new(false, 0);

    /// <summary>Parses <c>cpu</c>, <c>cuda</c> or <c>cuda:ID</c> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Anything else.</exception>
    public static OnnxExecutionProvider Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t == "cpu") return Cpu;
        if (t == "cuda") return new(true, 0);
        if (t.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(t[5..], NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            return new(true, id);
        throw new ArgumentException($"unknown execution provider '{text}'; expected cpu, cuda or cuda:ID", nameof(text));
    }

    /// <summary>Adds this provider to <paramref name="options"/> (nothing to add for the CPU).</summary>
    /// <exception cref="NotSupportedException">
    /// CUDA was asked for but cannot run here (<see cref="CudaAvailability"/>): the message says what is missing and how to fix it.
    /// </exception>
    public void AppendTo(SessionOptions options)
    {
        if (!IsCuda) return;
        CudaAvailability.Require(DeviceId, "or use the CPU (--device cpu)");
        options.AppendExecutionProvider_CUDA(DeviceId);
    }

    /// <inheritdoc/>
    public override string ToString() => IsCuda ? $"cuda:{DeviceId}" : "cpu";
}
