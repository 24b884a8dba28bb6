using System.Text.Json.Serialization;

namespace Leaf.Frontends;

/// <summary>How the Gabor filters' centres and widths are initialised.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GaborInitKind>))]
public enum GaborInitKind
{
    /// <summary>The reference's: peak bin and half-maximum bin count of a TF mel matrix on an n_fft grid (docs/frontends.md "Gabor filterbank").</summary>
    MelMatched,
    /// <summary>EfficientLEAF's analytic form: η = 2π·f_k/sr, σ = (sr/2)/(f_{k+1} − f_{k−1}) (docs/frontends.md "Gabor filterbank").</summary>
    Analytic,
}
