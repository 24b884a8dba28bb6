using Leaf.Frontends;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Compression;

/// <summary>
/// Per-channel energy normalisation (sPCEN, paper "Compression and normalization"; docs/frontends.md "sPCEN") of energies [batch, N, T]:
/// Y = (E/(ε + M)^α' + δ)^(1/r') − δ^(1/r'), with M the <see cref="ExponentialMovingAverage"/> of E,
/// α' = min(α, 1), r' = max(root, 1), ε = <see cref="PcenOptions.Floor"/>.
/// </summary>
/// <remarks>
/// The clips on α, root and s are forward-only, as in the reference, so a value that drifts past them stops learning.
/// With <see cref="PcenOptions.LearnLogs"/> the parameters are stored as logarithms (<c>log_alpha</c>, <c>log_delta</c>,
/// <c>log_root</c>, <c>log_smoothing</c>) and used as exp(·): δ and s stay positive (EfficientLEAF's fix for NaNs on long
/// inputs); the forward pass is otherwise identical. <see cref="Values"/> always returns the linear values.
/// </remarks>
public sealed class Pcen : nn.Module<Tensor, Tensor>
{
    // Field names are the state-dict names (compression.alpha, …).
    private readonly Parameter? alpha, delta, root, smoothing;
    private readonly Parameter? log_alpha, log_delta, log_root, log_smoothing;

    /// <summary>Creates sPCEN with the given values.</summary>
    /// <param name="options">Floor, trainability and parameterisation (the initial values in it are not used; see <paramref name="values"/>).</param>
    /// <param name="values">Initial parameter values; smoothing has N values, or 1 when <see cref="PcenOptions.PerChannelSmoothing"/> is false.</param>
    /// <exception cref="ArgumentException">Inconsistent lengths, or non-positive values in <see cref="PcenOptions.LearnLogs"/> mode.</exception>
    public Pcen(PcenOptions options, PcenValues values) : base(nameof(Pcen))
    {
        int n = values.Channels;
        if (n < 1) throw new ArgumentException("sPCEN needs at least one channel", nameof(values));
        if (values.Delta.Length != n || values.Root.Length != n)
            throw new ArgumentException($"sPCEN alpha, delta and root must all have {n} values (got {values.Delta.Length} and {values.Root.Length})", nameof(values));
        int smoothingLength = options.PerChannelSmoothing ? n : 1;
        if (values.Smoothing.Length != smoothingLength)
            throw new ArgumentException($"sPCEN smoothing must have {smoothingLength} value(s) ({(options.PerChannelSmoothing ? "per channel" : "scalar")}), got {values.Smoothing.Length}", nameof(values));
        Options = options;
        bool learnSmoothing = options.Trainable && options.LearnSmoothing; // a non-trainable layer freezes everything, as in Keras
        if (options.LearnLogs)
        {
            log_alpha = LogParameter(values.Alpha, ParameterNames.PcenAlpha, options.Trainable);
            log_delta = LogParameter(values.Delta, ParameterNames.PcenDelta, options.Trainable);
            log_root = LogParameter(values.Root, ParameterNames.PcenRoot, options.Trainable);
            log_smoothing = LogParameter(values.Smoothing, ParameterNames.PcenSmoothing, learnSmoothing);
        }
        else
        {
            alpha = new Parameter(tensor(values.Alpha), options.Trainable);
            delta = new Parameter(tensor(values.Delta), options.Trainable);
            root = new Parameter(tensor(values.Root), options.Trainable);
            smoothing = new Parameter(tensor(values.Smoothing), learnSmoothing);
        }
        RegisterComponents();
    }

    /// <summary>The options this layer was built with.</summary>
    public PcenOptions Options { get; }

    /// <summary>Number of channels N.</summary>
    public int Channels => (int)(alpha ?? log_alpha)!.shape[0];

    /// <summary>Current parameter values, linear (as the reference stores them) in either mode.</summary>
    public PcenValues Values()
    {
        using var scope = NewDisposeScope();
        return new(ParameterValues.ToFloats(Alpha), ParameterValues.ToFloats(Delta), ParameterValues.ToFloats(Root), ParameterValues.ToFloats(Smoothing));
    }

    private Tensor Alpha => alpha ?? log_alpha!.exp();
    private Tensor Delta => delta ?? log_delta!.exp();
    private Tensor Root => root ?? log_root!.exp();
    private Tensor Smoothing => smoothing ?? log_smoothing!.exp();

    /// <summary>Compresses energies [batch, N, T] (T ≥ 1).</summary>
    /// <exception cref="ArgumentException">The input is not [batch, N, T].</exception>
    public override Tensor forward(Tensor energies)
    {
        RequireShape(energies);
        using var scope = NewDisposeScope();
        return CompressionFunctional.Pcen(energies, new PcenTensors(Alpha, Delta, Root, Smoothing), Options).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Compresses the next energies [batch, N, T] of a signal given in pieces, its moving average continued from
    /// <paramref name="state"/> (null for the first piece); see <see cref="CompressionFunctional.Pcen(Tensor, PcenTensors, PcenOptions, Tensor?)"/>.
    /// </summary>
    /// <returns>The features [batch, N, T] and the state for the next piece [batch, N].</returns>
    /// <exception cref="ArgumentException">The input is not [batch, N, T].</exception>
    /// <exception cref="NotSupportedException">A warm start (<see cref="PcenOptions.WarmStart"/>).</exception>
    public (Tensor Features, Tensor State) Continue(Tensor energies, Tensor? state)
    {
        RequireShape(energies);
        using var scope = NewDisposeScope();
        var (features, next) = CompressionFunctional.Pcen(energies, new PcenTensors(Alpha, Delta, Root, Smoothing), Options, state);
        return (features.MoveToOuterDisposeScope(), next.MoveToOuterDisposeScope());
    }

    private void RequireShape(Tensor energies)
    {
        if (energies.dim() != 3 || energies.shape[1] != Channels)
            throw new ArgumentException($"sPCEN expects [batch, {Channels}, time], got [{string.Join(", ", energies.shape)}]", nameof(energies));
    }

    private static Parameter LogParameter(float[] values, string name, bool learn)
    {
        var logs = new float[values.Length];
        for (int i = 0; i < values.Length; i++)
            logs[i] = values[i] > 0
                ? (float)Math.Log(values[i])
                : throw new ArgumentException($"sPCEN with learned logarithms needs positive values, but {name}[{i}] = {values[i]}", nameof(values));
        return new Parameter(tensor(logs), learn);
    }
}
