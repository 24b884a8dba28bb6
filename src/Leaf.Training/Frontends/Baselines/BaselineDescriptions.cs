using Leaf.Frontends;

namespace Leaf.Training.Frontends.Baselines;

/// <summary>Checks shared by the baseline frontends' constructors and <c>ToDescription</c>.</summary>
internal static class BaselineDescriptions
{
    /// <summary>
    /// Validates <paramref name="d"/> for a baseline of <paramref name="kind"/> with the reference's compression, and
    /// returns it with every parameter present (missing ones get their initial values).
    /// </summary>
    /// <exception cref="ArgumentException">Another kind, another compression, or an option the baseline lacks.</exception>
    public static FrontendDescription Require(FrontendDescription d, FrontendKind kind, CompressionKind compression)
    {
        string name = kind.ToName();
        if (d.Kind != kind) throw new ArgumentException($"the {name} frontend cannot be built from a '{d.Kind.ToName()}' description", nameof(d));
        if (d.Compression != compression)
            throw new ArgumentException($"the {name} frontend uses {compression} compression, as the reference does; the description asks for {d.Compression}", nameof(d));
        if (d.PreEmphasis) throw new ArgumentException($"the {name} frontend has no pre-emphasis option", nameof(d));
        if (d.InstanceNorm) throw new ArgumentException($"the {name} frontend has no instance-normalisation option", nameof(d));
        d.Validate();
        return d.WithInitialParameters();
    }

    /// <summary><paramref name="d"/> with its parameters replaced by <paramref name="values"/>.</summary>
    public static FrontendDescription WithValues(FrontendDescription d, IEnumerable<(string Name, ParameterTensor Value)> values)
    {
        var parameters = new SortedDictionary<string, ParameterTensor>(StringComparer.Ordinal);
        foreach (var (name, value) in values) parameters[name] = value;
        return d with { Parameters = parameters };
    }
}
