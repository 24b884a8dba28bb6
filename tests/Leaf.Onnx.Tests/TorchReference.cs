using Leaf.Frontends;
using Leaf.Training.Frontends;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Onnx.Tests;

/// <summary>The TorchSharp frontends (Leaf.Training), the project's training-time implementation, as a reference for the export.</summary>
internal static class TorchReference
{
    /// <summary>
    /// Features [batch, frames, N] of waveforms [batch, samples] (both flattened), in eval mode without gradients, computed
    /// in <paramref name="precision"/> (kernels included). Returned as double.
    /// </summary>
    public static double[] Featurize(FrontendDescription description, float[] waveforms, int batch, ScalarType precision)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var module = FrontendFactory.Create(description);
        module.to(precision).eval();
        var input = tensor(waveforms, [batch, waveforms.Length / batch]).to(precision);
        return module.forward(input).to(float64).contiguous().data<double>().ToArray();
    }

    /// <summary>
    /// The floor below which differences count as absolute: values of order 1 for log and layer-norm outputs, whose float32
    /// resolution is absolute; 0.02 for sPCEN (a difference of two numbers near √δ, spacing 1.2e-7).
    /// </summary>
    public static double ErrorFloor(FrontendDescription d) => d.Compression == CompressionKind.Pcen && !d.InstanceNorm ? 0.02 : 1.0;
}
