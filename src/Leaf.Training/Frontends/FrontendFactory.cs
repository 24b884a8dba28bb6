using Leaf.Frontends;
using Leaf.Training.Frontends.Baselines;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>Builds the TorchSharp module of any frontend from its description.</summary>
public static class FrontendFactory
{
    /// <summary>The frontend module described by <paramref name="description"/>.</summary>
    /// <param name="description">The frontend.</param>
    /// <param name="leafAlgorithm">For LEAF: how its pooled energies are computed (see <see cref="LeafFrontend"/>).</param>
    /// <exception cref="NotSupportedException">No TorchSharp module exists for the description's kind, or the fast LEAF cannot handle its geometry.</exception>
    public static Frontend Create(FrontendDescription description, LeafAlgorithm leafAlgorithm = LeafAlgorithm.Exact) => description.Kind switch
    {
        FrontendKind.Leaf => new LeafFrontend(description, algorithm: leafAlgorithm),
        FrontendKind.Mel => new MelFilterbanks(description),
        FrontendKind.TdFilterbanks => new TdFilterbanks(description),
        FrontendKind.SincNet or FrontendKind.SincNetPlus => new SincNet(description),
        _ => throw new NotSupportedException($"no TorchSharp module for frontend kind '{description.Kind.ToName()}' yet"),
    };
}
