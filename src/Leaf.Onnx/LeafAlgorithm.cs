namespace Leaf.Onnx;

/// <summary>How an exported LEAF computes its pooled filterbank energies.</summary>
public enum LeafAlgorithm
{
    /// <summary>The published model's operations: a stride-1 convolution of the Gabor filters, squared modulus, strided Gaussian pooling.</summary>
    Exact,

    /// <summary>
    /// The same pooled energies from blocked DFTs, per-filter bands and decimated inverse transforms
    /// (<see cref="Leaf.Frontends.FastLeafPlan"/>); within 1e-4 relative of <see cref="Exact"/>, several times faster.
    /// </summary>
    Fast,
}
