using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Compression;

/// <summary>The reference's <c>log_compression</c>: log(x + offset), offset 1e-5 (docs/frontends.md "sPCEN").</summary>
public sealed class LogCompression : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the layer.</summary>
    /// <param name="offset">Added before the logarithm (1e-5 in the reference).</param>
    public LogCompression(double offset = 1e-5) : base(nameof(LogCompression)) => Offset = offset;

    /// <summary>The offset added before the logarithm.</summary>
    public double Offset { get; }

    /// <summary>log(x + offset), element-wise.</summary>
    public override Tensor forward(Tensor input)
    {
        return CompressionFunctional.Log(input, Offset);
    }
}
