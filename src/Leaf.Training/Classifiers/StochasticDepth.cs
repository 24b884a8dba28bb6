using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Classifiers;

/// <summary>
/// Stochastic depth (Huang et al. 2016; EfficientNet's "drop connect"): in training, each sample's residual branch is
/// dropped with probability p and otherwise scaled by 1/(1 − p), so its expectation is unchanged; identity in evaluation.
/// </summary>
public static class StochasticDepth
{
    /// <summary>The branch [batch, …] with whole samples zeroed at rate <paramref name="rate"/> when <paramref name="training"/>.</summary>
    public static Tensor Apply(Tensor branch, double rate, bool training)
    {
        if (!training || rate == 0) return branch.alias();
        using var scope = NewDisposeScope();
        double keep = 1 - rate;
        var shape = new long[branch.dim()];
        Array.Fill(shape, 1L);
        shape[0] = branch.shape[0];
        var mask = rand(shape, dtype: branch.dtype, device: branch.device).Plus(keep).floor_(); // 1 with probability keep
        return branch.Times(mask).DividedBy(keep).MoveToOuterDisposeScope();
    }
}
