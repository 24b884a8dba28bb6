namespace Leaf.Datasets.Synthesis;

/// <summary>Spectral shape of background noise.</summary>
public enum NoiseColor
{
    /// <summary>Flat spectrum.</summary>
    White,

    /// <summary>Power falling as 1/f (−3 dB per octave).</summary>
    Pink,

    /// <summary>Power falling as 1/f² (−6 dB per octave): integrated white noise.</summary>
    Brown,
}
