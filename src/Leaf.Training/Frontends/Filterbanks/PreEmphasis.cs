using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Filterbanks;

/// <summary>
/// LEAF's optional learnable 2-tap pre-emphasis (docs/frontends.md "Pre-emphasis") with TF semantics: y[n] = w₀·x[n] + w₁·x[n+1], x[T] = 0
/// (a Keras Conv1D with <c>SAME</c> padding pads one zero on the right). Initial taps [−0.97, 1] give x[n+1] − 0.97·x[n].
/// </summary>
public sealed class PreEmphasis : nn.Module<Tensor, Tensor>
{
    // Field name is the state-dict name (preemphasis.weight).
    private readonly Parameter weight;

    /// <summary>Creates the pre-emphasis with taps <paramref name="taps"/> (TF order).</summary>
    /// <exception cref="ArgumentException">Not exactly two taps.</exception>
    public PreEmphasis(float[] taps, bool learn = true) : base(nameof(PreEmphasis))
    {
        if (taps.Length != 2) throw new ArgumentException($"pre-emphasis has 2 taps, got {taps.Length}", nameof(taps));
        weight = new Parameter(tensor(taps), learn);
        RegisterComponents();
    }

    /// <summary>The current taps.</summary>
    public float[] Taps => ParameterValues.ToFloats(weight);

    /// <summary>Filters waveforms [batch, T] into [batch, T].</summary>
    /// <exception cref="ArgumentException">The input is not [batch, T] with T ≥ 1.</exception>
    public override Tensor forward(Tensor waveform)
    {
        if (waveform.dim() != 2 || waveform.shape[1] < 1)
            throw new ArgumentException($"pre-emphasis expects a waveform [batch, samples ≥ 1], got [{string.Join(", ", waveform.shape)}]", nameof(waveform));
        using var scope = NewDisposeScope();
        var padded = nn.functional.pad(waveform.unsqueeze(1), [0, 1]);
        return nn.functional.conv1d(padded, weight.reshape(1, 1, 2)).squeeze(1).MoveToOuterDisposeScope();
    }
}
