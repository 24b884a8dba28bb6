using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Training.Data;

namespace Leaf.Training.Training;

/// <summary>Everything a training run needs besides the data: model, optimisation, stopping, seed and output folder.</summary>
public sealed record TrainerOptions
{
    /// <summary>Folder for checkpoints, metrics and the learned frontend.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The frontend to train (default: LEAF with the paper's initialisation and parameterisation; docs/accuracy.md says why).</summary>
    public FrontendDescription Frontend { get; init; } = FrontendDescription.Default(FrontendKind.Leaf);

    /// <summary>The encoder behind the frontend (default: the compact CNN).</summary>
    public EncoderKind Encoder { get; init; } = EncoderKind.CompactCnn;

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
        return this;
    }
}
