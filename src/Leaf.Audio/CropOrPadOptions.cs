namespace Leaf.Audio;

/// <summary>Bring a clip to exactly <see cref="Length"/> samples: crop when longer, zero-pad at the end when shorter (docs/frontends.md "Input pipeline").</summary>
/// <param name="Length">Target length in samples at the output rate (16 000 = 1 s at 16 kHz in the paper); must be positive.</param>
/// <param name="Crop">Which part of a longer clip is kept.</param>
/// <param name="Seed">
/// Seed for <see cref="CropMode.Random"/>: the same seed picks the same offset for the same clip length.
/// <see langword="null"/> draws from <see cref="System.Random.Shared"/> (different on every call).
/// </param>
public sealed record CropOrPadOptions(int Length, CropMode Crop, int? Seed = null);
