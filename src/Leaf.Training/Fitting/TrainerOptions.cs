using Leaf.Datasets;
using Leaf.Datasets.Augmentation;
using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Training.Frontends;

namespace Leaf.Training.Fitting;

/// <summary>
/// Everything a training run needs besides the data: model, optimisation, stopping, seed and output folder. The defaults are
/// the library's recipe, chosen on the development benchmark's unseen sources (docs/accuracy.md, "Unseen sources"):
/// LEAF with log compression and per-example feature standardisation. Augmentation is available (<see cref="Augmentation"/>,
/// <see cref="SpecAugment"/>) but off, since at this budget it lowered accuracy on most tasks. <see cref="PaperRecipe"/>
/// gives the paper's.
/// </summary>
public sealed record TrainerOptions
{
    /// <summary>Folder for checkpoints, metrics and the learned frontend.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The frontend to train (default: <see cref="RecipeFrontend"/> of LEAF).</summary>
    public FrontendDescription Frontend { get; init; } = RecipeFrontend(FrontendKind.Leaf);

    /// <summary>The encoder behind the frontend (default: the compact CNN).</summary>
    public EncoderKind Encoder { get; init; } = EncoderKind.CompactCnn;

    /// <summary>Standardise each example's features before the encoder (<see cref="Classifiers.ClassifierOptions.StandardizeFeatures"/>; default on).</summary>
    public bool StandardizeFeatures { get; init; } = true;

    /// <summary>Random changes to each training example's waveform (default none).</summary>
    public WaveformAugmentationOptions Augmentation { get; init; } = WaveformAugmentationOptions.None;

    /// <summary>SpecAugment masking of the features while training (<see langword="null"/>, the default: none).</summary>
    public SpecAugmentOptions? SpecAugment { get; init; }

    /// <summary>
    /// The frontend the recipe trains for <paramref name="kind"/>: the paper's configuration, except that LEAF compresses with
    /// log(· + 1e-5) instead of sPCEN. On every development task sPCEN generalised worse to unseen sources, learned or frozen,
    /// because its moving average starts at the clip's first frame (docs/accuracy.md); the paper's LEAF is
    /// <see cref="FrontendDescription.Default"/>.
    /// </summary>
    public static FrontendDescription RecipeFrontend(FrontendKind kind) =>
        kind == FrontendKind.Leaf ? FrontendDescription.Default(kind) with { Compression = CompressionKind.Log } : FrontendDescription.Default(kind);

    /// <summary>Number of epochs (upper bound when <see cref="Minutes"/> is also set).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Time budget in minutes; training stops at the first epoch end past it (<see langword="null"/>: none).</summary>
    public double? Minutes { get; init; }

    /// <summary>Clips per training batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Adam learning rate of the encoder and heads.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// How LEAF computes its pooled energies while training: <see langword="null"/> (the default) takes
    /// <see cref="LeafAlgorithm.Fast"/> (the same values and gradients within 1e-4, several times faster) wherever its
    /// geometry allows (<see cref="FastLeafPlan.Supports"/>), else <see cref="LeafAlgorithm.Exact"/>. The trained parameters
    /// are the same model either way; exports choose their own algorithm.
    /// </summary>
    public LeafAlgorithm? LeafAlgorithm { get; init; }

    /// <summary>The LEAF algorithm training uses: <see cref="LeafAlgorithm"/>, or the automatic choice it describes.</summary>
    public LeafAlgorithm EffectiveLeafAlgorithm => LeafAlgorithm
        ?? (FastLeafPlan.Supports(Frontend.WindowLength, Frontend.Stride) ? Leaf.Frontends.LeafAlgorithm.Fast : Leaf.Frontends.LeafAlgorithm.Exact);

    /// <summary>Adam learning rate of the frontend's parameters (<see langword="null"/>: same as <see cref="LearningRate"/>).</summary>
    public double? FrontendLearningRate { get; init; }

    /// <summary>
    /// Factor on the frontend learning rate for the Gabor filter widths σ (LEAF only; 1: the frontend rate). Adam's step is absolute
    /// in parameter units, and σ is in samples (tens to hundreds) while the centres are in rad/sample (below π), so at the frontend
    /// rate the widths barely move; docs/accuracy.md ("Filter-width learning rate") measures larger factors.
    /// </summary>
    public double FilterWidthLearningRateScale { get; init; } = 1;

    /// <summary>Adam (L2) weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Largest global gradient norm; gradients above it are rescaled (0: no clipping).</summary>
    public double MaxGradientNorm { get; init; } = 5;

    /// <summary>Epochs without a better validation accuracy before stopping (0: never stop early).</summary>
    public int Patience { get; init; }

    /// <summary>Seed of the weights (torch.manual_seed) and of the data order.</summary>
    public int Seed { get; init; }

    /// <summary>Crop/window settings (default 1 s at 16 kHz, loudness normalised).</summary>
    public ClipOptions Clip { get; init; } = ClipOptions.Default;

    /// <summary>Torch device name ("cpu"; "cuda" fails clearly without a GPU build).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>Write TensorBoard event files into <c>tensorboard/</c> of <see cref="OutputDirectory"/>.</summary>
    public bool TensorBoard { get; init; } = true;

    /// <summary>Continue from <c>last.ckpt</c> in <see cref="OutputDirectory"/> when it exists.</summary>
    public bool Resume { get; init; }

    /// <summary>The frontend learning rate in effect.</summary>
    public double EffectiveFrontendLearningRate => FrontendLearningRate ?? LearningRate;

    /// <summary>
    /// The paper's recipe writing into <paramref name="outputDirectory"/>: the paper's LEAF (sPCEN) and no feature
    /// standardisation, everything else at its default.
    /// </summary>
    public static TrainerOptions PaperRecipe(string outputDirectory) => new()
    {
        OutputDirectory = outputDirectory, Frontend = FrontendDescription.Default(FrontendKind.Leaf), StandardizeFeatures = false,
    };

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public TrainerOptions Validated()
    {
        if (string.IsNullOrWhiteSpace(OutputDirectory)) throw new ArgumentException("an output folder is required");
        if (Epochs <= 0) throw new ArgumentException($"epochs {Epochs} must be positive");
        if (Minutes is <= 0) throw new ArgumentException($"time budget {Minutes} minutes must be positive");
        if (BatchSize <= 0) throw new ArgumentException($"batch size {BatchSize} must be positive");
        if (!(LearningRate > 0)) throw new ArgumentException($"learning rate {LearningRate} must be positive");
        if (!(EffectiveFrontendLearningRate >= 0)) throw new ArgumentException($"frontend learning rate {FrontendLearningRate} must not be negative");
        if (!(FilterWidthLearningRateScale >= 0) || double.IsInfinity(FilterWidthLearningRateScale))
            throw new ArgumentException($"filter width learning-rate scale {FilterWidthLearningRateScale} must be a finite number ≥ 0");
        if (!(WeightDecay >= 0)) throw new ArgumentException($"weight decay {WeightDecay} must not be negative");
        if (!(MaxGradientNorm >= 0)) throw new ArgumentException($"gradient clipping norm {MaxGradientNorm} must not be negative");
        if (Patience < 0) throw new ArgumentException($"patience {Patience} must not be negative");
        Clip.Validated();
        Augmentation.Validated();
        return this;
    }
}
