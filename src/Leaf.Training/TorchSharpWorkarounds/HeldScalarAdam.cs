using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.TorchSharpWorkarounds;

/// <summary>
/// Adam (Kingma and Ba 2015) with L2 weight decay: TorchSharp's <see cref="Adam"/> algorithm, state and
/// <c>save_state_dict</c> format, with a step that holds every Scalar it passes to libtorch. TorchSharp's own step converts
/// its coefficients to Scalars only the finalizer frees, which a collection on another thread can free during the update
/// (see <see cref="ScalarArguments"/>).
/// </summary>
public sealed class HeldScalarAdam : Adam
{
    /// <summary>Adam over <paramref name="groups"/> (each with its own rate and weight decay), β = (0.9, 0.999), ε = 1e-8.</summary>
    /// <param name="groups">The parameter groups.</param>
    /// <param name="learningRate">The rate of a group that sets none.</param>
    /// <exception cref="NotSupportedException">A group asks for AMSGrad or maximisation.</exception>
    public HeldScalarAdam(IEnumerable<ParamGroup> groups, double learningRate) : base(groups, learningRate)
    {
        if (_parameter_groups.Any(g => g.Options is Options { amsgrad: true } or Options { maximize: true }))
            throw new NotSupportedException("HeldScalarAdam implements plain Adam with L2 decay: no AMSGrad, no maximisation");
    }

    /// <summary>Adam over <paramref name="parameters"/> at one rate, without weight decay.</summary>
    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">The rate.</param>
    public HeldScalarAdam(IEnumerable<Parameter> parameters, double learningRate) : this([new ParamGroup(parameters, lr: learningRate)], learningRate)
    {
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    /// <param name="closure">Recomputes the loss (optional).</param>
    /// <returns>The closure's loss, or null.</returns>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, decay = options.weight_decay!.Value;
        using Scalar keep1 = beta1.ToScalar(), keep2 = beta2.ToScalar(), new1 = (1 - beta1).ToScalar(), new2 = (1 - beta2).ToScalar(),
            eps = options.eps!.Value.ToScalar(), decayScalar = decay.ToScalar(), one = 1.ToScalar();
        foreach (var parameter in group.Parameters)
        {
            var gradient = parameter.grad;
            if (gradient is null) continue;
            var state = (State)_state[parameter.Handle];
            state.step += 1;
            if (decay != 0) gradient = gradient.add(parameter, decayScalar);   // L2: g + λθ
            state.exp_avg.mul_(keep1).add_(gradient, new1);   // m ← β₁m + (1 − β₁)g
            state.exp_avg_sq.mul_(keep2).addcmul_(gradient, gradient, new2);   // v ← β₂v + (1 − β₂)g²
            using Scalar correction2 = Math.Sqrt(1 - Math.Pow(beta2, state.step)).ToScalar(),
                stepSize = (-options.LearningRate!.Value / (1 - Math.Pow(beta1, state.step))).ToScalar();
            var denominator = state.exp_avg_sq.sqrt().div_(correction2).add_(eps, one);   // √v̂ + ε
            parameter.addcdiv_(state.exp_avg, denominator, stepSize);   // θ ← θ − lr·m̂/(√v̂ + ε)
        }
    }, closure);
}
