using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Leaf.MLNet.Classifiers;

/// <summary>Input row of the arg-max mapping (public because ML.NET binds its fields by reflection).</summary>
public sealed class ScoresRow
{
    /// <summary>Name of the internal column holding the class probabilities.</summary>
    public const string ColumnName = "LeafScores";

    /// <summary>The class probabilities.</summary>
    [VectorType] public float[] LeafScores = [];
}

/// <summary>Output row of the arg-max mapping (public because ML.NET binds its fields by reflection).</summary>
public sealed class PredictedIndexRow
{
    /// <summary>Name of the internal column holding the index of the largest score.</summary>
    public const string ColumnName = "LeafPredictedIndex";

    /// <summary>Index of the largest score (the first on ties), as a float so that a value mapping turns it into a label.</summary>
    public float LeafPredictedIndex;
}

/// <summary>
/// The index of the largest score. It knows no labels, so one registered class serves every model: the labels travel
/// in the model zip as ML.NET's own value mapping from this index.
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
internal sealed class ArgMaxMapping : CustomMappingFactory<ScoresRow, PredictedIndexRow>
{
    public const string ContractName = "Leaf.ArgMax";

    public override Action<ScoresRow, PredictedIndexRow> GetMapping() => (src, dst) => dst.LeafPredictedIndex = ArgMax(src.LeafScores);

    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++) if (values[i] > values[best]) best = i;
        return best;
    }
}
