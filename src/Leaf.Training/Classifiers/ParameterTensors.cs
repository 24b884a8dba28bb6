using Leaf.Frontends;
using Leaf.Training.Frontends;
using static TorchSharp.torch;

namespace Leaf.Training.Classifiers;

/// <summary>Copies TorchSharp tensors into runtime-free <see cref="ParameterTensor"/>s.</summary>
public static class ParameterTensors
{
    /// <summary>The shape and float32 values (C order) of <paramref name="t"/>.</summary>
    public static ParameterTensor ToParameterTensor(this Tensor t) => new(t.shape.Select(s => checked((int)s)).ToArray(), ParameterValues.ToFloats(t));
}
