using Leaf.Frontends;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Filterbanks;

/// <summary>
/// An unconstrained real filterbank (TD-filterbanks' Keras <c>Conv1D</c>): weight [C, K], cross-correlation with stride 1,
/// TF <c>SAME</c> padding and no bias: [batch, 1, T] → [batch, C, T].
/// </summary>
public sealed class ConvFilterbank : nn.Module<Tensor, Tensor>
{
#pragma warning disable IDE1006 // field name is the state-dict name (filterbank.weight)
    private readonly Parameter weight;
#pragma warning restore IDE1006

    /// <summary>Creates the filterbank from its weights [C, K] (row c = the taps of output channel c).</summary>
    /// <exception cref="ArgumentException">The weights are not two-dimensional.</exception>
    public ConvFilterbank(ParameterTensor weights, bool learn = true) : base(nameof(ConvFilterbank))
    {
        if (weights.Shape.Length != 2) throw new ArgumentException($"filterbank weights must be [channels, taps], got [{string.Join(", ", weights.Shape)}]", nameof(weights));
        weight = new Parameter(tensor(weights.Values, [weights.Shape[0], weights.Shape[1]]), requires_grad: learn);
        RegisterComponents();
    }

    /// <summary>Number of output channels C.</summary>
    public int Channels => (int)weight.shape[0];

    /// <summary>Kernel length K.</summary>
    public int WindowLength => (int)weight.shape[1];

    /// <summary>The current weights [C, K] as float32.</summary>
    public ParameterTensor Weights => new([Channels, WindowLength], ParameterValues.ToFloats(weight));

    /// <summary>Filters waveforms [batch, 1, T] into [batch, C, T].</summary>
    /// <exception cref="ArgumentException">The input is not [batch, 1, T ≥ 1].</exception>
    public override Tensor forward(Tensor waveform)
    {
        if (waveform.dim() != 3 || waveform.shape[1] != 1 || waveform.shape[2] < 1)
            throw new ArgumentException($"the filterbank expects [batch, 1, samples ≥ 1], got [{string.Join(", ", waveform.shape)}]", nameof(waveform));
        return FilterbankFunctional.Correlate(waveform, weight);
    }
}
