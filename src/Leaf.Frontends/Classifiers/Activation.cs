using System.Text.Json.Serialization;

namespace Leaf.Frontends.Classifiers;

/// <summary>The element-wise non-linearity applied after a convolution.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Activation>))]
public enum Activation
{
    /// <summary>Identity.</summary>
    [JsonStringEnumMemberName("none")] None,
    /// <summary>max(x, 0).</summary>
    [JsonStringEnumMemberName("relu")] Relu,
    /// <summary>SiLU (swish): x·σ(x).</summary>
    [JsonStringEnumMemberName("silu")] Silu,
    /// <summary>σ(x) = 1 / (1 + e^−x).</summary>
    [JsonStringEnumMemberName("sigmoid")] Sigmoid,
}
