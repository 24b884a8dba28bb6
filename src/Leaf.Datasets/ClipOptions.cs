using Leaf.Audio;

namespace Leaf.Datasets;

/// <summary>How files become model inputs: decode → resample → crop/pad or cut into windows → loudness normalisation (docs/frontends.md "Input pipeline").</summary>
public sealed record ClipOptions
{
    /// <summary>Model sample rate in Hz (default 16 000).</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Input length in samples: the training crop and the evaluation window (default 16 000 = 1 s at 16 kHz).</summary>
    public int Length { get; init; } = 16000;

    /// <summary>Loudness normalisation of each crop/window; default the paper's (target 15 dB, max gain 30 dB); <see langword="null"/> for none.</summary>
    public LoudnessOptions? Loudness { get; init; } = LoudnessOptions.Paper;

    /// <summary>External decoders for formats other than WAV.</summary>
    public FfmpegOptions Ffmpeg { get; init; } = FfmpegOptions.Default;

    /// <summary>The paper's settings: 1 s at 16 kHz, loudness normalised.</summary>
    public static ClipOptions Default { get; } = new();

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive rate or length.</exception>
    public ClipOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Length);
        return this;
    }

    /// <summary>What <see cref="AudioFile.Load(string, AudioLoadOptions?)"/> is given: resample only (crops and loudness are applied per example).</summary>
    public AudioLoadOptions DecodeOptions => new() { SampleRate = SampleRate, Ffmpeg = Ffmpeg };

    /// <summary>Normalises <paramref name="example"/> in place when <see cref="Loudness"/> is set.</summary>
    internal void Normalise(float[] example)
    {
        if (Loudness is { } loudness) LoudnessNormalization.Apply(example, loudness);
    }
}
