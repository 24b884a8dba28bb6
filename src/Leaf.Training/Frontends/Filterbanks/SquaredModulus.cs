using static TorchSharp.torch;

namespace Leaf.Training.Frontends.Filterbanks;

/// <summary>
/// Squared modulus of interleaved complex channels (docs/frontends.md "Gabor filterbank"): [batch, 2N, T] with channel 2n = Re, 2n+1 = Im →
/// [batch, N, T] with E_n = Re_n² + Im_n².
/// </summary>
public sealed class SquaredModulus : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the (parameterless) layer.</summary>
    public SquaredModulus() : base(nameof(SquaredModulus)) { }

    /// <summary>Computes Re² + Im² per complex channel.</summary>
    /// <exception cref="ArgumentException">The input is not 3-D with an even number of channels.</exception>
    public override Tensor forward(Tensor interleaved)
    {
        if (interleaved.dim() != 3 || interleaved.shape[1] % 2 != 0)
            throw new ArgumentException($"squared modulus expects [batch, 2N, time], got [{string.Join(", ", interleaved.shape)}]", nameof(interleaved));
        return FilterbankFunctional.SquaredModulus(interleaved);
    }
}
