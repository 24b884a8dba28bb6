using Leaf.Frontends;
using Leaf.Training.Frontends.Compression;
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

    /// <summary>The shortest waveform accepted, in samples (1; the window length for TD-filterbanks' VALID pooling).</summary>
    public virtual int MinimumSamples => 1;

    /// <summary>How the frame-local stages are computed (<see cref="LeafAlgorithm.Exact"/> but for the fast LEAF): with the description, their <see cref="FrameSupport"/>.</summary>
    public virtual LeafAlgorithm Algorithm => LeafAlgorithm.Exact;

    /// <summary>The sPCEN applied to <see cref="FrameLocal"/>'s output over time, or null (its moving average runs over all frames).</summary>
    public virtual Pcen? Pcen => null;

    /// <summary>The instance normalisation applied last, over the whole signal's frames, or null.</summary>
    public virtual InstanceNorm? InstanceNorm => null;

    /// <summary>
    /// The frame-local stages [batch, frames, N] of waveforms [batch, samples]: everything before <see cref="Pcen"/> and
    /// <see cref="InstanceNorm"/>, whose frames each depend on a bounded run of samples (<see cref="FrameSupport"/>), so
    /// that a long or live signal can go through them in segments (<see cref="FrontendStream"/>). The whole
    /// <c>forward</c> for frontends without those stages.
    /// </summary>
    public virtual Tensor FrameLocal(Tensor waveform) => forward(waveform);
}
