using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>
/// Tensor operations with number arguments that hold their <see cref="Scalar"/> until the native call has returned.
/// TorchSharp 0.107 converts numbers to <see cref="Scalar"/> objects implicitly and leaves them to the finalizer, which can
/// free one while libtorch still reads it (dotnet/TorchSharp#1434): under allocation pressure that surfaced here as
/// "INTERNAL ASSERT FAILED at c10/core/Scalar.h" from <c>square()</c> (which is <c>pow(2)</c>). The fast LEAF, which
/// makes many such calls per step, uses these throughout, and the LEAF modules square with <see cref="Squared"/>.
/// </summary>
internal static class ScalarArguments
{
    /// <summary>x·factor.</summary>
    public static Tensor Times(this Tensor x, double factor)
    {
        using var scalar = factor.ToScalar();
        return x.mul(scalar);
    }

    /// <summary>x² elementwise, as x·x (no exponent argument).</summary>
    public static Tensor Squared(this Tensor x) => x.mul(x);

    /// <summary>x mod <paramref name="divisor"/>, with the divisor's sign (as Python).</summary>
    public static Tensor Modulo(this Tensor x, long divisor)
    {
        using var scalar = divisor.ToScalar();
        return x.remainder(scalar);
    }

    /// <summary>The int64 integers start, start + 1, …, stop − 1.</summary>
    public static Tensor Range(long start, long stop, Device device)
    {
        using Scalar first = start.ToScalar(), end = stop.ToScalar();
        return arange(first, end, ScalarType.Int64, device);
    }

    /// <summary>x with <paramref name="source"/> subtracted at <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public static Tensor SubtractAt(this Tensor x, long dim, Tensor index, Tensor source)
    {
        using var minusOne = (-1).ToScalar();
        return x.index_add(dim, index, source, minusOne);
    }
}
