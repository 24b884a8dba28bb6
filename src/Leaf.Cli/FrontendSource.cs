using Leaf.Frontends;

namespace Leaf.Cli;

/// <summary>Resolves <c>--frontend default|FILE.json</c> and <c>--kind</c> into a frontend description.</summary>
internal static class FrontendSource
{
    public const string DefaultName = "default";

    public static FrontendDescription Resolve(string frontend, string? kind)
    {
        if (frontend == DefaultName)
            return FrontendDescription.Default(kind is null ? FrontendKind.Leaf : FrontendKindNames.Parse(kind));
        if (!File.Exists(frontend)) throw new FileNotFoundException($"{frontend}: frontend description not found (expected '{DefaultName}' or a JSON file)", frontend);
        var description = FrontendDescription.Load(frontend);
        if (kind is not null && FrontendKindNames.Parse(kind) != description.Kind)
            throw new ArgumentException($"--kind {kind} contradicts {frontend}, which describes a '{description.Kind.ToName()}' frontend");
        return description;
    }
}
