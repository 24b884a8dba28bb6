namespace Leaf.Datasets.Synthesis;

/// <summary>What to synthesise and where (<c>leaf data synth keywords|instruments --out DIR [--per-class N] [--seed S]</c>).</summary>
public sealed record SynthesisOptions
{
    /// <summary>Output folder; files go to <c>DIR/{train,valid,test}/&lt;label&gt;/</c>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Files per class (default 60).</summary>
    public int PerClass { get; init; } = 60;

    /// <summary>Seed: with the same seed (and tool versions) the same files with the same audio are written.</summary>
    public int Seed { get; init; }

    /// <summary>A subset of the task's classes, or <see langword="null"/> for all. A file's audio does not depend on which other classes are made.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Split of each class (default 70/15/15).</summary>
    public SplitFractions Fractions { get; init; } = new(0.7, 0.15, 0.15);

    /// <summary>Sample rate of the files (default 16 000 Hz).</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Clip length in seconds (default 1).</summary>
    public double ClipSeconds { get; init; } = 1.0;

    /// <summary>Files rendered at the same time (default: one per core).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>External tools.</summary>
    public SynthesisTools Tools { get; init; } = SynthesisTools.Default;

    /// <summary>Install missing tools with apt-get when running as root (default true); otherwise the error gives the command.</summary>
    public bool InstallMissingTools { get; init; } = true;

    /// <summary>Where to say that missing tools are being installed (default: nowhere).</summary>
    public TextWriter? Log { get; init; }

    /// <summary>The command line to record in README.txt (the CLI sets it); <see langword="null"/> records the options instead.</summary>
    public string? CommandLine { get; init; }

    /// <summary>Samples per clip: round(<see cref="ClipSeconds"/> × <see cref="SampleRate"/>).</summary>
    public int ClipSamples => (int)Math.Round(ClipSeconds * SampleRate);

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">An empty output folder, a non-positive count, rate or length, or bad fractions.</exception>
    public SynthesisOptions Validated()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputDirectory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PerClass);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Parallelism);
        if (SampleRate is < 8000 or > 96000) throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "the synthesisers support 8 000 to 96 000 Hz");
        if (!(ClipSeconds > 0 && ClipSeconds <= 60)) throw new ArgumentOutOfRangeException(nameof(ClipSeconds), ClipSeconds, "clip length must be in (0, 60] seconds");
        Fractions.Validated();
        return this;
    }
}
