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
        return Normalize(energies, smoothed, parameters, options).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// sPCEN of the next frames of a signal given in pieces: <see cref="Pcen(Tensor, PcenTensors, PcenOptions)"/> with the
    /// moving average continued from <paramref name="state"/> (null for the first piece). Pieces of whole
    /// <see cref="ExponentialMovingAverage.DefaultBlockLength"/> blocks (the last excepted) give the frames of one call on
    /// the whole signal.
    /// </summary>
    /// <returns>The features [batch, N, T] and the state to pass with the next piece [batch, N].</returns>
    /// <exception cref="NotSupportedException">A warm start, which needs the mean energy of the whole signal.</exception>
    public static (Tensor Features, Tensor State) Pcen(Tensor energies, PcenTensors parameters, PcenOptions options, Tensor? state)
    {
        if (options.WarmStart) throw new NotSupportedException("a warm-started sPCEN starts from the mean energy of the whole signal: it cannot continue a signal given in pieces");
        using var scope = NewDisposeScope();
        var smoothed = ExponentialMovingAverage.Apply(energies, parameters.Smoothing, initialState: state);
        var features = Normalize(energies, smoothed, parameters, options);
        return (features.MoveToOuterDisposeScope(), smoothed.select(2, -1).MoveToOuterDisposeScope());
    }

    // (E/(ε + M)^α' + δ)^(1/r') − δ^(1/r') given the smoothed energies M.
    private static Tensor Normalize(Tensor energies, Tensor smoothed, PcenTensors parameters, PcenOptions options)
    {
        var a = parameters.Alpha.AtMost(1).unsqueeze(1);
        var d = parameters.Delta.unsqueeze(1);
        var invRoot = parameters.Root.AtLeast(1).reciprocal().unsqueeze(1);
        var normalised = energies.DividedBy(smoothed.Plus(options.Floor).pow(a));
        return normalised.Plus(d).pow(invRoot).Minus(d.pow(invRoot));
    }

    /// <summary>The reference's <c>log_compression</c> (docs/frontends.md "sPCEN", the alternative compression): log(x + offset).</summary>
    public static Tensor Log(Tensor x, double offset)
    {
        using var scope = NewDisposeScope();
        return x.Plus(offset).log().MoveToOuterDisposeScope();
    }
}
