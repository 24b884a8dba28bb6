namespace Leaf.Training.Frontends;

/// <summary>
/// A module whose stored parameters must be projected back into their bounds after every optimiser step
/// (Keras constraint semantics, docs/frontends.md "Constraints and gradients"). Trainers call <see cref="ApplyConstraints"/> after <c>optimizer.step()</c>.
/// </summary>
public interface IConstrained
{
    /// <summary>Clamps the stored parameters in place (no gradient is recorded).</summary>
    void ApplyConstraints();
}
