using System.Text.Json.Serialization;

namespace Leaf.Frontends;

/// <summary>The frontends of the LEAF paper: LEAF itself and its baselines.</summary>
[JsonConverter(typeof(FrontendKindJsonConverter))]
public enum FrontendKind
{
    /// <summary>LEAF: Gabor filterbank, squared modulus, Gaussian low-pass pooling, sPCEN.</summary>
    Leaf,
    /// <summary>Log-compressed mel filterbank energies of a TF STFT (0 parameters).</summary>
    Mel,
    /// <summary>Time-domain filterbanks (Zeghidour et al. 2018): free conv initialised as Gabor, shared squared-Hann pooling, log.</summary>
    TdFilterbanks,
    /// <summary>SincNet: band-pass sinc filters, LeakyReLU, max pooling, layer normalisation.</summary>
    SincNet,
    /// <summary>SincNet+: sinc filters with LEAF's Gaussian pooling and (as coded, frozen) PCEN.</summary>
    SincNetPlus,
}

/// <summary>Names used on the command line and in JSON: <c>leaf</c>, <c>mel</c>, <c>tdfbanks</c>, <c>sincnet</c>, <c>sincnet+</c>.</summary>
public static class FrontendKindNames
{
    private static readonly ShortNames<FrontendKind> Names = new("frontend kind", (FrontendKind.Leaf, "leaf"), (FrontendKind.Mel, "mel"), (FrontendKind.TdFilterbanks, "tdfbanks"),
        (FrontendKind.SincNet, "sincnet"), (FrontendKind.SincNetPlus, "sincnet+"));

    /// <summary>All names, in declaration order.</summary>
    public static IReadOnlyList<string> All => Names.All;

    /// <summary>The short name of a kind.</summary>
    public static string ToName(this FrontendKind value) => Names.Of(value);

    /// <summary>Parses a short name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="All"/>.</exception>
    public static FrontendKind Parse(string name) => Names.Parse(name);
}

internal sealed class FrontendKindJsonConverter : JsonConverter<FrontendKind>
{
    public override FrontendKind Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
        => FrontendKindNames.Parse(reader.GetString() ?? "");

    public override void Write(System.Text.Json.Utf8JsonWriter writer, FrontendKind value, System.Text.Json.JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToName());
}
