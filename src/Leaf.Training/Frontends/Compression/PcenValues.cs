using Leaf.Frontends;

namespace Leaf.Training.Frontends.Compression;

/// <summary>sPCEN parameter values in the reference's linear parameterisation (docs/frontends.md "sPCEN").</summary>
/// <param name="Alpha">α [N] (used as min(α, 1)).</param>
/// <param name="Delta">δ [N].</param>
/// <param name="Root">root [N] (exponent 1/max(root, 1)).</param>
/// <param name="Smoothing">s [N] or [1] (clipped to [0, 1]).</param>
public sealed record PcenValues(float[] Alpha, float[] Delta, float[] Root, float[] Smoothing)
{
    /// <summary>Number of channels N.</summary>
    public int Channels => Alpha.Length;

    /// <summary>The initial values of <paramref name="options"/> for <paramref name="channels"/> channels.</summary>
    public static PcenValues Initial(int channels, PcenOptions options)
    {
        float[] Fill(double v, int n) => Enumerable.Repeat((float)v, n).ToArray();
        return new(Fill(options.Alpha, channels), Fill(options.Delta, channels), Fill(options.Root, channels),
            Fill(options.Smoothing, options.PerChannelSmoothing ? channels : 1));
    }

    /// <summary>Reads the four <c>compression.*</c> parameters of a description.</summary>
    /// <exception cref="KeyNotFoundException">A parameter is missing.</exception>
    public static PcenValues From(FrontendDescription description) => new(
        description.Values(ParameterNames.PcenAlpha), description.Values(ParameterNames.PcenDelta),
        description.Values(ParameterNames.PcenRoot), description.Values(ParameterNames.PcenSmoothing));

    /// <summary>The four <c>compression.*</c> entries of a description.</summary>
    public IEnumerable<KeyValuePair<string, ParameterTensor>> ToParameters() =>
    [
        new(ParameterNames.PcenAlpha, ParameterTensor.Vector(Alpha)),
        new(ParameterNames.PcenDelta, ParameterTensor.Vector(Delta)),
        new(ParameterNames.PcenRoot, ParameterTensor.Vector(Root)),
        new(ParameterNames.PcenSmoothing, ParameterTensor.Vector(Smoothing)),
    ];
}
