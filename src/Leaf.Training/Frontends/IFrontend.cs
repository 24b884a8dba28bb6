using Leaf.Frontends;

namespace Leaf.Training.Frontends;

/// <summary>
/// A composed frontend: a <c>Module&lt;Tensor, Tensor&gt;</c> mapping a waveform [batch, samples] (float32) to features
/// [batch, frames, channels], whose hyper-parameters and learned values round-trip through a <see cref="FrontendDescription"/>.
/// </summary>
public interface IFrontend
{
    /// <summary>The description with the current learned values, in the reference's (linear) parameterisation.</summary>
    FrontendDescription ToDescription();

    /// <summary>Number of feature channels of the output (the last axis).</summary>
    int OutputChannels { get; }
}
