using Leaf.Frontends;

namespace Leaf.Cli;

/// <summary>Resolves <c>--frontend default|FILE.json</c> and <c>--kind</c> into a frontend description.</summary>
internal static class FrontendSource
{
    public const string DefaultName = "default";

    /// <summary>'default' (the paper's initialisation of <paramref name="kind"/>), a description JSON, or an exported .onnx model.</summary>
    public static FrontendDescription Resolve(string frontend, string? kind)
    {
        if (frontend == DefaultName)
            return FrontendDescription.Default(kind is null ? FrontendKind.Leaf : FrontendKindNames.Parse(kind));
        if (!File.Exists(frontend)) throw new FileNotFoundException($"{frontend}: frontend not found (expected '{DefaultName}', a JSON description or an .onnx model)", frontend);
        var description = Path.GetExtension(frontend).Equals(".onnx", StringComparison.OrdinalIgnoreCase)
            ? Onnx.OnnxModelInfo.Read(frontend).Frontend
            : FrontendDescription.Load(frontend);
        if (kind is not null && FrontendKindNames.Parse(kind) != description.Kind)
            throw new ArgumentException($"--kind {kind} contradicts {frontend}, which describes a '{description.Kind.ToName()}' frontend");
        return description;
    }
}
