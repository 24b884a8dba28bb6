using Leaf.Frontends.Classifiers;

namespace Leaf.Training.Classifiers;

/// <summary>A module (or part of one) that can describe itself as inference-time encoder layers, batch normalisation folded in.</summary>
public interface IEncoderPart
{
    /// <summary>The layers equal to this module in evaluation mode (running statistics, no dropout or stochastic depth).</summary>
    IEnumerable<EncoderLayer> ToLayers();
}
