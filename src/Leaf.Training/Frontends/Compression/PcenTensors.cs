using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Compression;

/// <summary>sPCEN's parameters as tensors in their linear parameterisation (the inputs of <see cref="CompressionFunctional.Pcen(TorchSharp.torch.Tensor, PcenTensors, Leaf.Frontends.PcenOptions)"/>).</summary>
/// <param name="Alpha">α [N].</param>
/// <param name="Delta">δ [N].</param>
/// <param name="Root">root [N].</param>
/// <param name="Smoothing">s [N], or [1] when shared by all channels.</param>
public sealed record PcenTensors(Tensor Alpha, Tensor Delta, Tensor Root, Tensor Smoothing);
