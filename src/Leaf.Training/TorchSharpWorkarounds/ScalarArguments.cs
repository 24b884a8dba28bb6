using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.TorchSharpWorkarounds;

/// <summary>
/// The arithmetic vocabulary of the TorchSharp modules: tensor operations that hold every <see cref="Scalar"/> they pass
/// until the native call has returned. TorchSharp 0.107 converts numbers to <see cref="Scalar"/> objects implicitly and
/// leaves them to the finalizer, which can free one while libtorch still reads it (dotnet/TorchSharp#1434): under
/// allocation pressure that surfaced here as "INTERNAL ASSERT FAILED at c10/core/Scalar.h" from <c>square()</c> (which is
/// <c>pow(2)</c>) and from tensor <c>+</c> (which passes an implicit alpha of 1), and as "Unknown scalar type" from
/// <c>eq(0)</c>, whenever another thread made the collector run during the call. So the modules write all four operators
/// as methods, with a tensor or a number: <c>Plus</c>, <c>Minus</c>, <c>Times</c>, <c>DividedBy</c> (tensor <c>-</c>,
/// <c>*</c> and <c>/</c> are safe, but one vocabulary reads better than operators for three and a method for the
/// fourth). The tests' <c>FinalizerOnlyScalars</c> scan of the compiled code fails on any call that still makes such a
/// Scalar (including TorchSharp's own <c>BatchNorm</c> and <c>Adam</c>, which <see cref="BatchNormalization"/> and
/// <see cref="HeldScalarAdam"/> replace) and on any tensor operator in the modules. docs/platforms.md lists what to undo
/// once TorchSharp holds its Scalars.
/// </summary>
internal static class ScalarArguments
{
    // Held for the process's lifetime, so never finalized.
    private static readonly Scalar One = 1.ToScalar();
    private static readonly Scalar MinusOne = (-1).ToScalar();

    /// <summary>a + b (TorchSharp's <c>+</c> passes an implicit alpha of 1).</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a − b, as <c>-</c>.</summary>
    public static Tensor Minus(this Tensor a, Tensor b) => a.sub(b);

    /// <summary>a·b elementwise, as <c>*</c>.</summary>
    public static Tensor Times(this Tensor a, Tensor b) => a.mul(b);

    /// <summary>a / b elementwise, as <c>/</c>.</summary>
    public static Tensor DividedBy(this Tensor a, Tensor b) => a.div(b);

    /// <summary>x + 1 in place (a counter).</summary>
    public static Tensor IncrementInPlace(this Tensor x) => x.add_(One, One);

    /// <summary>x + value.</summary>
    public static Tensor Plus(this Tensor x, double value) => Held(value.ToScalar(), v => x.add(v, One));

    /// <summary>value − x.</summary>
    public static Tensor SubtractedFrom(this Tensor x, double value) => Held(value.ToScalar(), v => x.neg().add_(v, One));

    /// <summary>x / divisor (a true division, as <c>/</c>; not a multiplication by the reciprocal).</summary>
    public static Tensor DividedBy(this Tensor x, double divisor) => Held(divisor.ToScalar(), v => x.div(v));

    /// <summary>x &gt; value, elementwise.</summary>
    public static Tensor Above(this Tensor x, double value) => Held(value.ToScalar(), x.gt);

    /// <summary>x ≥ value, elementwise.</summary>
    public static Tensor AtLeastMask(this Tensor x, double value) => Held(value.ToScalar(), x.ge);

    /// <summary>x == value, elementwise.</summary>
    public static Tensor EqualTo(this Tensor x, double value) => Held(value.ToScalar(), x.eq);

    /// <summary>x with <paramref name="mask"/>'s elements set to <paramref name="value"/>.</summary>
    public static Tensor Filled(this Tensor x, Tensor mask, double value) => Held(value.ToScalar(), v => x.masked_fill(mask, v));

    /// <summary>Leaky ReLU: x where x ≥ 0, slope·x elsewhere.</summary>
    public static Tensor LeakyRelu(this Tensor x, double slope) => Held(slope.ToScalar(), x.leaky_relu);

    /// <summary>max(x, min).</summary>
    public static Tensor AtLeast(this Tensor x, double min) => Held(min.ToScalar(), x.clamp_min);

    /// <summary>min(x, max).</summary>
    public static Tensor AtMost(this Tensor x, double max) => Held(max.ToScalar(), x.clamp_max);

    /// <summary>x clipped to [min, max].</summary>
    public static Tensor Clipped(this Tensor x, double min, double max) => Held(min.ToScalar(), max.ToScalar(), x.clamp);

    /// <summary>x clipped to [min, max] in place.</summary>
    public static Tensor ClipInPlace(this Tensor x, double min, double max) => Held(min.ToScalar(), max.ToScalar(), x.clamp_);

    /// <summary>x·factor.</summary>
    public static Tensor Times(this Tensor x, double factor) => Held(factor.ToScalar(), x.mul);

    /// <summary>x² elementwise, as x·x (no exponent argument).</summary>
    public static Tensor Squared(this Tensor x) => x.mul(x);

    /// <summary>x mod <paramref name="divisor"/>, with the divisor's sign (as Python).</summary>
    public static Tensor Modulo(this Tensor x, long divisor) => Held(divisor.ToScalar(), x.remainder);

    /// <summary>0, 1, …, count − 1 as <paramref name="type"/>.</summary>
    public static Tensor Range(long count, ScalarType type, Device device) => Held(0.ToScalar(), count.ToScalar(), (first, end) => arange(first, end, One, type, device));

    /// <summary>The int64 integers start, start + 1, …, stop − 1.</summary>
    public static Tensor Range(long start, long stop, Device device) => Held(start.ToScalar(), stop.ToScalar(), (first, end) => arange(first, end, One, ScalarType.Int64, device));

    /// <summary>x with <paramref name="source"/> subtracted at <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public static Tensor SubtractAt(this Tensor x, long dim, Tensor index, Tensor source) => x.index_add(dim, index, source, MinusOne);

    // op applied to a Scalar that lives until op has returned (then freed).
    private static Tensor Held(Scalar scalar, Func<Scalar, Tensor> op)
    {
        using (scalar) return op(scalar);
    }

    private static Tensor Held(Scalar first, Scalar second, Func<Scalar, Scalar, Tensor> op)
    {
        using (first)
        using (second)
            return op(first, second);
    }
}
