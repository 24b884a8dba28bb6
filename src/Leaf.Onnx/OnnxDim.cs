namespace Leaf.Onnx;

/// <summary>One dimension of a graph input or output: a fixed size or a symbolic name (e.g. <c>"batch"</c>).</summary>
public readonly record struct OnnxDim
{
    private OnnxDim(long? size, string? symbol) => (Size, Symbol) = (size, symbol);

    /// <summary>The fixed size, or null for a symbolic dimension.</summary>
    public long? Size { get; }

    /// <summary>The symbolic name, or null for a fixed dimension.</summary>
    public string? Symbol { get; }

    /// <summary>A dimension of fixed size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The size is negative.</exception>
    public static OnnxDim Fixed(long size) =>
        size >= 0 ? new(size, null) : throw new ArgumentOutOfRangeException(nameof(size), size, "a dimension cannot be negative");

    /// <summary>A dimension known only at run time, named <paramref name="symbol"/> (equal names mean equal sizes).</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static OnnxDim Named(string symbol) =>
        string.IsNullOrWhiteSpace(symbol) ? throw new ArgumentException("a symbolic dimension needs a name", nameof(symbol)) : new(null, symbol);

    /// <inheritdoc/>
    public override string ToString() => Symbol ?? Size!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
