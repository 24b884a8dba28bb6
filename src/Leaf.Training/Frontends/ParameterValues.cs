using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>Conversions between parameter tensors and the float32 arrays of a frontend description.</summary>
public static class ParameterValues
{
    /// <summary>The values of <paramref name="t"/> (any dtype or device), flattened in C order, as float32.</summary>
    public static float[] ToFloats(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().cpu().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();
    }
}
