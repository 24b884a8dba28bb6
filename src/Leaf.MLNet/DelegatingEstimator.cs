using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.MLNet;

/// <summary>
/// An estimator that is a fixed chain of ML.NET's own transforms, so that whatever it fits saves into and loads from a
/// model zip with no code of this library beyond its registered mappings (audio decoding, arg-max).
/// </summary>
public abstract class DelegatingEstimator : IEstimator<TransformerChain<ITransformer>>
{
    private readonly EstimatorChain<ITransformer> inner;

    private protected DelegatingEstimator(IEnumerable<IEstimator<ITransformer>> steps) => inner = Chain(steps);

    /// <summary>The steps as one estimator chain.</summary>
    private protected static EstimatorChain<ITransformer> Chain(IEnumerable<IEstimator<ITransformer>> steps) =>
        steps.Aggregate(new EstimatorChain<ITransformer>(), (chain, step) => chain.Append(step));

    /// <summary>Checks the input column (name, type and size), then fits the chain of ML.NET transforms (dispose it to free the ONNX sessions).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or has another type or size.</exception>
    public virtual TransformerChain<ITransformer> Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckInput(input.Schema);
        return inner.Fit(input);
    }

    /// <summary>Checks the input column (name and type, as ML.NET's own estimators do), then gives the output schema of the chain.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The input column is missing or has another type.</exception>
    public virtual SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        CheckInput(inputSchema);
        return inner.GetOutputSchema(inputSchema);
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
