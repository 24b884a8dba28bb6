using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.MLNet;

/// <summary>
/// An estimator that is a fixed chain of ML.NET's own transforms, so that whatever it fits saves into and loads from a
/// model zip with no code of this library beyond its registered mappings (audio decoding, arg-max). It may have a
/// second chain for a variable-length input vector column (<see cref="ClipLength.Full"/>), which replaces the first
/// one when the input column has no fixed size.
/// </summary>
public abstract class DelegatingEstimator : IEstimator<TransformerChain<ITransformer>>
{
    private readonly EstimatorChain<ITransformer> inner;
    private readonly Lazy<EstimatorChain<ITransformer>>? variableLength;

    /// <summary>The chain of <paramref name="steps"/> on column <paramref name="inputColumnName"/>; <paramref name="variableLengthSteps"/> (built when first needed) for a variable-length one, if it is accepted.</summary>
    private protected DelegatingEstimator(string inputColumnName, IEnumerable<IEstimator<ITransformer>> steps, Func<IEnumerable<IEstimator<ITransformer>>>? variableLengthSteps = null)
    {
        InputColumnName = inputColumnName;
        inner = Chain(steps);
        if (variableLengthSteps is not null) variableLength = new(() => Chain(variableLengthSteps()));
    }

    /// <summary>The input column's name.</summary>
    private protected string InputColumnName { get; }

    /// <summary>The steps as one estimator chain.</summary>
    private static EstimatorChain<ITransformer> Chain(IEnumerable<IEstimator<ITransformer>> steps) =>
        steps.Aggregate(new EstimatorChain<ITransformer>(), (chain, step) => chain.Append(step));

    /// <summary>
    /// Checks the input column (name, type and size), then fits the chain of ML.NET transforms — the variable-length
    /// one for a variable-length input column (dispose the result to free the ONNX sessions).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or has another type or size.</exception>
    public virtual TransformerChain<ITransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema);
        bool variable = input.Schema[InputColumnName].Type is VectorDataViewType { Size: 0 };
        return (variable && variableLength is not null ? variableLength.Value : inner).Fit(input);
    }

    /// <summary>Checks the input column (name and type, as ML.NET's own estimators do), then gives the output schema of the chain that would be fitted.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or has another type.</exception>
    public virtual SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        CheckInput(inputSchema);
        bool variable = inputSchema.Any(c => c.Name == InputColumnName && c.Kind == SchemaShape.Column.VectorKind.VariableVector);
        return (variable && variableLength is not null ? variableLength.Value : inner).GetOutputSchema(inputSchema);
    }

    /// <summary>Checks the input column's name and type (<see cref="InputColumnCheck"/>).</summary>
    private protected abstract void CheckInput(SchemaShape inputSchema);

    /// <summary>Checks the input column of real data: name, type and, for vectors, size.</summary>
    private protected abstract void CheckInput(DataViewSchema inputSchema);

    /// <summary>Copies a column to a new name and drops the temporary columns, leaving the caller's columns alone.</summary>
    private protected static IEnumerable<IEstimator<ITransformer>> Rename(TransformsCatalog transforms, string from, string to) =>
        from == to ? [] : [transforms.CopyColumns(to, from)];

    /// <summary>Drops <paramref name="temporary"/> columns except those the caller named.</summary>
    private protected static IEnumerable<IEstimator<ITransformer>> Drop(TransformsCatalog transforms, IEnumerable<string> temporary, params string[] keep)
    {
        string[] drop = temporary.Except(keep, StringComparer.Ordinal).Distinct(StringComparer.Ordinal).ToArray();
        return drop.Length == 0 ? [] : [transforms.DropColumns(drop)];
    }
}
