using System.Runtime.Intrinsics;

namespace Leaf.Audio;

/// <summary>
/// A float dot product whose rounding is the same on every CPU: four lanes, summed in a fixed order.
/// <c>TensorPrimitives.Dot</c> picks its vector width (128, 256 or 512 bits) and FMA use from the CPU, so the same input
/// gave different bits on AVX-512 and AVX2 machines, and files synthesised with a fixed seed differed between them.
/// </summary>
internal static class PortableDot
{
    /// <summary>Σ x[i]·y[i] over the length of <paramref name="x"/> (<paramref name="y"/> at least as long).</summary>
    public static float Of(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var lanes = Vector128<float>.Zero;
        int i = 0;
        for (; i <= x.Length - 4; i += 4)
            lanes += Vector128.Create(x.Slice(i, 4)) * Vector128.Create(y.Slice(i, 4)); // separate multiply and add: no FMA contraction
        float sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
        for (; i < x.Length; i++) sum += x[i] * y[i];
        return sum;
    }
}
