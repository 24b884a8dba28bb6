namespace Leaf.Frontends;

/// <summary>How LEAF computes its pooled filterbank energies, in an ONNX export or a TorchSharp module.</summary>
public enum LeafAlgorithm
{
    /// <summary>The published model's operations: a stride-1 convolution of the Gabor filters, squared modulus, strided Gaussian pooling.</summary>
    Exact,

    /// <summary>
    /// The same pooled energies from blocked DFTs, per-filter bands and decimated inverse transforms
    /// (<see cref="FastLeafPlan"/>); within 1e-4 relative of <see cref="Exact"/>, several times faster.
    /// </summary>
    Fast,
}
