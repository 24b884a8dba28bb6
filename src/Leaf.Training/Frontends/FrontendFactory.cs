using Leaf.Frontends;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>Builds the TorchSharp module of any frontend from its description.</summary>
public static class FrontendFactory
{
    /// <summary>The frontend module described by <paramref name="description"/>; it also implements <see cref="IFrontend"/>.</summary>
    /// <exception cref="NotSupportedException">No TorchSharp module exists for the description's kind.</exception>
    public static nn.Module<Tensor, Tensor> Create(FrontendDescription description) => description.Kind switch
    {
        FrontendKind.Leaf => new LeafFrontend(description),
        FrontendKind.Mel => new MelFilterbanks(description),
        FrontendKind.TdFilterbanks => new TdFilterbanks(description),
        FrontendKind.SincNet => new SincNet(description),
        FrontendKind.SincNetPlus => new SincNetPlus(description),
        _ => throw new NotSupportedException($"no TorchSharp module for frontend kind '{description.Kind.ToName()}' yet"),
    };
}
