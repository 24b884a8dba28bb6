using Leaf.Frontends.Classifiers;

namespace Leaf.Training.Classifiers;

/// <summary>
/// An encoder of a classifier: a <c>Module&lt;Tensor, Tensor&gt;</c> mapping feature images [batch, 1, frames, N] to
/// feature maps [batch, <see cref="OutputChannels"/>, H', W'], which the classifier max-pools globally.
/// </summary>
public interface IEncoder : IEncoderPart
{
    /// <summary>The architecture.</summary>
    EncoderKind Kind { get; }

    /// <summary>Channels of the output feature maps (= the embedding size).</summary>
    int OutputChannels { get; }
}
