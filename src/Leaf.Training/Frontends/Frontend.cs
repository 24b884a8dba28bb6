using Leaf.Frontends;
using static TorchSharp.torch;

namespace Leaf.Training.Frontends;

/// <summary>
/// A composed frontend: a module mapping a waveform [batch, samples] (float32) to features [batch, frames, channels],
/// whose hyper-parameters and learned values round-trip through a <see cref="FrontendDescription"/>.
/// <see cref="FrontendFactory"/> builds one from a description and <see cref="Classifiers.AudioClassifier"/> holds one.
/// </summary>
public abstract class Frontend : nn.Module<Tensor, Tensor>
{
    /// <summary>Names the module (TorchSharp's module name, not a state-dict prefix).</summary>
    protected Frontend(string name) : base(name)
    {
    }

    /// <summary>The description with the current learned values, in the reference's (linear) parameterisation.</summary>
    public abstract FrontendDescription ToDescription();

    /// <summary>Number of feature channels of the output (the last axis).</summary>
    public abstract int OutputChannels { get; }
}
