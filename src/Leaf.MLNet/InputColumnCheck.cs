using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.MLNet;

/// <summary>
/// Checks an estimator's input column the way ML.NET's own estimators do in <c>GetOutputSchema</c>
/// (<c>ImageLoadingEstimator</c>: "Could not find input column", "Schema mismatch for input column … expected …, got …"),
/// so a wrong pipeline fails when it is built or checked, not half-way through <c>Fit</c>.
/// </summary>
internal static class InputColumnCheck
{
    /// <summary>Requires a text scalar column.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of another type.</exception>
    public static void RequireText(SchemaShape schema, string transform, string column)
    {
        var found = Find(schema, transform, column);
        if (found.Kind != SchemaShape.Column.VectorKind.Scalar || found.ItemType is not TextDataViewType)
            throw Mismatch(transform, column, "String", Describe(found), TextHint);
    }

    /// <summary>Requires the data's column to be a text scalar.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of another type.</exception>
    public static void RequireText(DataViewSchema schema, string transform, string column)
    {
        var found = Find(schema, transform, column);
        if (found.Type is not TextDataViewType) throw Mismatch(transform, column, "String", found.Type.ToString() ?? "?", TextHint);
    }

    /// <summary>Requires a float vector column, of known size or (when <paramref name="allowVariable"/>) of any length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing or of another type.</exception>
    public static void RequireFloatVector(SchemaShape schema, string transform, string column, bool allowVariable, string hint)
    {
        var found = Find(schema, transform, column);
        bool kindOk = found.Kind == SchemaShape.Column.VectorKind.Vector || (allowVariable && found.Kind == SchemaShape.Column.VectorKind.VariableVector);
        if (!kindOk || found.ItemType != NumberDataViewType.Single || found.IsKey)
            throw Mismatch(transform, column, allowVariable ? "Vector<Single> or VarVector<Single>" : "Vector<Single>", Describe(found), hint);
    }

    /// <summary>Requires the data's float vector column to hold one of <paramref name="sizes"/> values (0: variable length).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The column is missing, of another type or of another size.</exception>
    public static void RequireSize(DataViewSchema schema, string transform, string column, IReadOnlyList<int> sizes, string hint)
    {
        var found = Find(schema, transform, column);
        if (found.Type is not VectorDataViewType { ItemType: var item, Size: var size } || item != NumberDataViewType.Single || !sizes.Contains(size))
            throw Mismatch(transform, column, string.Join(" or ", sizes.Select(n => n == 0 ? "VarVector<Single>" : $"Vector<Single, {n}>")), found.Type.ToString() ?? "?", hint);
    }

    private const string TextHint = "a text column of file paths";

    private static SchemaShape.Column Find(SchemaShape schema, string transform, string column)
    {
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var found in schema)
            if (found.Name == column) return found;
        throw NotFound(transform, column);
    }

    private static DataViewSchema.Column Find(DataViewSchema schema, string transform, string column)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.GetColumnOrNull(column) ?? throw NotFound(transform, column);
    }

    private static ArgumentOutOfRangeException NotFound(string transform, string column) =>
        new("inputSchema", $"{transform}: could not find input column '{column}'");

    private static ArgumentOutOfRangeException Mismatch(string transform, string column, string expected, string got, string hint) =>
        new("inputSchema", $"{transform}: schema mismatch for input column '{column}': expected {expected}, got {got} ({hint})");

    private static string Describe(SchemaShape.Column column)
    {
        string item = column.IsKey ? $"Key<{column.ItemType}>" : column.ItemType.ToString() ?? "?";
        return column.Kind switch
        {
            SchemaShape.Column.VectorKind.Vector => $"Vector<{item}>",
            SchemaShape.Column.VectorKind.VariableVector => $"VarVector<{item}>",
            _ => item,
        };
    }
}
