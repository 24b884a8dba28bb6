using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Compression;

/// <summary>
/// LEAF's optional instance normalisation (docs/frontends.md "After compression", <c>mean_var_norm</c>): each channel of each example normalised over
/// time, y = (x − mean)/√(var + ε)·γ + β with the biased variance, ε = 1e-6, learnable γ (init 1) and β (init 0).
/// Input and output [batch, N, T].
/// </summary>
public sealed class InstanceNorm : nn.Module<Tensor, Tensor>
{
    // Field names are the state-dict names (norm.weight, norm.bias).
    private readonly Parameter weight, bias;

    /// <summary>The variance epsilon (1e-6).</summary>
    public const double Epsilon = 1e-6;

    /// <summary>Creates the layer with gains <paramref name="gains"/> and biases <paramref name="biases"/> (one per channel).</summary>
    /// <exception cref="ArgumentException">The lengths differ or are zero.</exception>
    public InstanceNorm(float[] gains, float[] biases) : base(nameof(InstanceNorm))
    {
        if (gains.Length < 1 || gains.Length != biases.Length)
            throw new ArgumentException($"instance norm needs one gain and one bias per channel; got {gains.Length} and {biases.Length}", nameof(biases));
        weight = new Parameter(tensor(gains));
        bias = new Parameter(tensor(biases));
        RegisterComponents();
    }

    /// <summary>Current gains γ.</summary>
    public float[] Gains => ParameterValues.ToFloats(weight);

    /// <summary>Current biases β.</summary>
    public float[] Biases => ParameterValues.ToFloats(bias);

    /// <summary>Normalises [batch, N, T] over T.</summary>
    /// <exception cref="ArgumentException">The input is not [batch, N, T].</exception>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 3 || input.shape[1] != weight.shape[0])
            throw new ArgumentException($"instance norm expects [batch, {weight.shape[0]}, time], got [{string.Join(", ", input.shape)}]", nameof(input));
        using var scope = NewDisposeScope();
        var mean = input.mean([2L], keepdim: true);
        var centred = input.Minus(mean);
        var variance = centred.Squared().mean([2L], keepdim: true);
        var normalised = centred.Times(variance.Plus(Epsilon).rsqrt());
        return normalised.Times(weight.unsqueeze(1)).Plus(bias.unsqueeze(1)).MoveToOuterDisposeScope();
    }
}
