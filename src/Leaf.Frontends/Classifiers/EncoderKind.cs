using System.Text.Json;
using System.Text.Json.Serialization;

namespace Leaf.Frontends.Classifiers;

/// <summary>The encoders a classifier can put between the frontend and the global max pooling.</summary>
[JsonConverter(typeof(EncoderKindJsonConverter))]
public enum EncoderKind
{
    /// <summary>A small CNN for CPU training: four blocks of Conv3×3 → BatchNorm → ReLU → MaxPool 2×2 (16-32-64-128 channels).</summary>
    CompactCnn,
    /// <summary>EfficientNet-B0 without its top (the paper's encoder, docs/frontends.md "Classifier"): one input channel, 1 280 output channels.</summary>
    EfficientNetB0,
}

/// <summary>
/// Names of the encoders on the command line and in JSON: <c>compact-cnn</c> (also accepted as <c>cnn</c>, the command
/// line's short form), <c>efficientnet-b0</c>.
/// </summary>
public static class EncoderKindNames
{
    private static readonly ShortNames<EncoderKind> Names = new("encoder",
        (EncoderKind.CompactCnn, "compact-cnn"), (EncoderKind.CompactCnn, "cnn"), (EncoderKind.EfficientNetB0, "efficientnet-b0"));

    /// <summary>All names, in declaration order (the names written to JSON and metadata).</summary>
    public static IReadOnlyList<string> All => Names.All;

    /// <summary>Every name <see cref="Parse"/> accepts: <see cref="All"/> and the alias <c>cnn</c>.</summary>
    public static IReadOnlyList<string> Accepted => Names.Accepted;

    /// <summary>The short name of an encoder kind.</summary>
    public static string ToName(this EncoderKind value) => Names.Of(value);

    /// <summary>Parses a short name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="All"/>.</exception>
    public static EncoderKind Parse(string name) => Names.Parse(name);
}

internal sealed class EncoderKindJsonConverter : JsonConverter<EncoderKind>
{
    public override EncoderKind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => EncoderKindNames.Parse(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, EncoderKind value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.ToName());
}
