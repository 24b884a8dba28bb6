using Leaf.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Compression;

/// <summary>
/// The compressions' math as pure tensor functions (torchaudio's <c>functional</c> split): the modules hold the parameters
/// and call these.
/// </summary>
public static class CompressionFunctional
{
    /// <summary>
    /// sPCEN (docs/frontends.md "sPCEN") of energies [batch, N, T]: Y = (E/(ε + M)^α' + δ)^(1/r') − δ^(1/r'), with M the
    /// <see cref="ExponentialMovingAverage"/> of E, α' = min(α, 1), r' = max(root, 1), ε = <see cref="PcenOptions.Floor"/>.
    /// </summary>
    /// <param name="energies">Energies E [batch, N, T ≥ 1].</param>
    /// <param name="parameters">α, δ and root [N] and the smoothing s [N] or [1], linear.</param>
    /// <param name="options">The floor ε and whether the moving average starts warm (<see cref="PcenOptions.WarmStart"/>).</param>
    public static Tensor Pcen(Tensor energies, PcenTensors parameters, PcenOptions options)
    {
        using var scope = NewDisposeScope();
        var smoothed = ExponentialMovingAverage.Apply(energies, parameters.Smoothing, options.WarmStart);
        var a = parameters.Alpha.AtMost(1).unsqueeze(1);
        var d = parameters.Delta.unsqueeze(1);
        var invRoot = parameters.Root.AtLeast(1).reciprocal().unsqueeze(1);
        var normalised = energies.DividedBy(smoothed.Plus(options.Floor).pow(a));
        return normalised.Plus(d).pow(invRoot).Minus(d.pow(invRoot)).MoveToOuterDisposeScope();
    }

    /// <summary>The reference's <c>log_compression</c> (docs/frontends.md "sPCEN", the alternative compression): log(x + offset).</summary>
    public static Tensor Log(Tensor x, double offset)
    {
        using var scope = NewDisposeScope();
        return x.Plus(offset).log().MoveToOuterDisposeScope();
    }
}
