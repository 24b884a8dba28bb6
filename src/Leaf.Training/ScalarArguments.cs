using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training;

/// <summary>
/// Tensor operations with number arguments that hold their <see cref="Scalar"/> until the native call has returned.
/// TorchSharp 0.107 converts numbers to <see cref="Scalar"/> objects implicitly and leaves them to the finalizer, which can
/// free one while libtorch still reads it (dotnet/TorchSharp#1434): under allocation pressure that surfaced here as
/// "INTERNAL ASSERT FAILED at c10/core/Scalar.h" from <c>square()</c> (which is <c>pow(2)</c>) and from tensor
/// <c>+</c> (which passes an implicit alpha of 1), and as "Unknown scalar type" from <c>eq(0)</c>, whenever another thread
/// made the collector run during the call. All code here uses these instead; the tests' <c>FinalizerOnlyScalars</c> scan
/// of the compiled code fails on any call that still makes such a Scalar (including TorchSharp's own <c>BatchNorm</c> and
/// <c>Adam</c>, which <see cref="Classifiers.BatchNormalization"/> and <see cref="Training.HeldScalarAdam"/> replace).
/// </summary>
internal static class ScalarArguments
{
    // Held for the process's lifetime, so never finalized.
    private static readonly Scalar One = 1.ToScalar();
    private static readonly Scalar MinusOne = (-1).ToScalar();

    /// <summary>a + b (TorchSharp's <c>+</c> passes an implicit alpha of 1).</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>x + 1 in place (a counter).</summary>
    public static Tensor IncrementInPlace(this Tensor x) => x.add_(One, One);

    /// <summary>x + value.</summary>
    public static Tensor Plus(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.add(scalar, One);
    }

    /// <summary>value − x.</summary>
    public static Tensor SubtractedFrom(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.neg().add_(scalar, One);
    }

    /// <summary>x / divisor (a true division, as <c>/</c>; not a multiplication by the reciprocal).</summary>
    public static Tensor DividedBy(this Tensor x, double divisor)
    {
        using var scalar = divisor.ToScalar();
        return x.div(scalar);
    }

    /// <summary>x &gt; value, elementwise.</summary>
    public static Tensor Above(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.gt(scalar);
    }

    /// <summary>x == value, elementwise.</summary>
    public static Tensor EqualTo(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.eq(scalar);
    }

    /// <summary>x with <paramref name="mask"/>'s elements set to <paramref name="value"/>.</summary>
    public static Tensor Filled(this Tensor x, Tensor mask, double value)
    {
        using var scalar = value.ToScalar();
        return x.masked_fill(mask, scalar);
    }

    /// <summary>Leaky ReLU: x where x ≥ 0, slope·x elsewhere.</summary>
    public static Tensor LeakyRelu(this Tensor x, double slope)
    {
        using var scalar = slope.ToScalar();
        return x.leaky_relu(scalar);
    }

    /// <summary>x clipped to [min, max].</summary>
    public static Tensor Clipped(this Tensor x, double min, double max)
    {
        using Scalar low = min.ToScalar(), high = max.ToScalar();
        return x.clamp(low, high);
    }

    /// <summary>x clipped to [min, max] in place.</summary>
    public static Tensor ClipInPlace(this Tensor x, double min, double max)
    {
        using Scalar low = min.ToScalar(), high = max.ToScalar();
        return x.clamp_(low, high);
    }

    /// <summary>x ≥ value, elementwise.</summary>
    public static Tensor AtLeastMask(this Tensor x, double value)
    {
        using var scalar = value.ToScalar();
        return x.ge(scalar);
    }

    /// <summary>0, 1, …, count − 1 as <paramref name="type"/>.</summary>
    public static Tensor Range(long count, ScalarType type, Device device)
    {
        using Scalar first = 0.ToScalar(), end = count.ToScalar();
        return arange(first, end, One, type, device);
    }

    /// <summary>max(x, min).</summary>
    public static Tensor AtLeast(this Tensor x, double min)
    {
        using var low = min.ToScalar();
        return x.clamp_min(low);
    }

    /// <summary>min(x, max).</summary>
    public static Tensor AtMost(this Tensor x, double max)
    {
        using var high = max.ToScalar();
        return x.clamp_max(high);
    }

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
        return arange(first, end, One, ScalarType.Int64, device);
    }

    /// <summary>x with <paramref name="source"/> subtracted at <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public static Tensor SubtractAt(this Tensor x, long dim, Tensor index, Tensor source)
    {
        return x.index_add(dim, index, source, MinusOne);
    }
}
