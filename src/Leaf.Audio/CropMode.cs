namespace Leaf.Audio;

/// <summary>Which part of a clip longer than the target length is kept.</summary>
public enum CropMode
{
    /// <summary>The first samples.</summary>
    Start,

    /// <summary>The middle: offset ⌊(n − length)/2⌋ (audax evaluates on a centre crop).</summary>
    Center,

    /// <summary>A uniformly random offset in [0, n − length] (the LEAF training pipeline, docs/frontends.md "Input pipeline").</summary>
    Random,
}
