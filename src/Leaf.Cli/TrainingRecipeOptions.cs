using System.CommandLine;
using Leaf.Datasets;
using Leaf.Datasets.Augmentation;
using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Training.Fitting;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Compression;

namespace Leaf.Cli;

/// <summary>
/// The command-line options of a training recipe (frontend, classifier, budget, optimisation, augmentation), shared by
/// <c>leaf train</c> and <c>leaf bench accuracy</c> so both train exactly the same way. Defaults are
/// <see cref="TrainerOptions"/>'s; <c>--recipe paper</c> turns off what the paper did not use.
/// </summary>
internal sealed class TrainingRecipeOptions
{
    // A new instance at each use, never a static field: building the command tree (every leaf command does) then loads no Leaf.Training.
    private static TrainerOptions Defaults => new() { OutputDirectory = "." };

    public Option<string> Frontend { get; } = new("--frontend")
    {
        Description = "Frontend: " + string.Join("|", FrontendKindNames.All) + " (the paper's initialisation; the default recipe's LEAF uses log compression, the paper recipe's sPCEN), or a frontend description (.json, e.g. a run's frontend.json or models/leaf-default.json) or exported .onnx to start from: its configuration and, when present, its learned parameters.",
        DefaultValueFactory = _ => "leaf",
    };
    public Option<string> Classifier { get; } = new("--classifier") { Description = "Encoder: cnn or compact-cnn (compact CNN, CPU-sized), or efficientnet-b0 (the paper's).", DefaultValueFactory = _ => "cnn" };
    public Option<int> Epochs { get; } = new Option<int>("--epochs") { Description = "Epochs (upper bound with --minutes).", DefaultValueFactory = _ => Defaults.Epochs }.Range(1, OptionRules.MaxEpochs);
    public Option<double?> Minutes { get; } = new Option<double?>("--minutes") { Description = "Time budget in minutes; stops at the first epoch end past it." }.Range(0, OptionRules.MaxMinutes);
    public Option<int> Batch { get; } = new Option<int>("--batch") { Description = "Clips per batch.", DefaultValueFactory = _ => Defaults.BatchSize }.Range(1, OptionRules.MaxBatch);
    public Option<double> LearningRate { get; } = new Option<double>("--lr") { Description = "Adam learning rate of the encoder and heads.", DefaultValueFactory = _ => Defaults.LearningRate }.Range(0, 10);
    public Option<double?> FrontendLearningRate { get; } = new Option<double?>("--frontend-lr") { Description = "Adam learning rate of the frontend (default: the --lr value; 0 freezes it)." }.Range(0, 10, minInclusive: true);
    public Option<double> WidthLearningRateScale { get; } = new Option<double>("--width-lr-scale") { Description = "Factor on the frontend learning rate for LEAF's Gabor filter widths (σ is in samples, so Adam moves it little at 1).", DefaultValueFactory = _ => Defaults.FilterWidthLearningRateScale }.Range(0, 1e6, minInclusive: true);
    public Option<double> WeightDecay { get; } = new Option<double>("--weight-decay") { Description = "Adam weight decay.", DefaultValueFactory = _ => Defaults.WeightDecay }.Range(0, 10, minInclusive: true);
    public Option<int> Patience { get; } = new Option<int>("--patience") { Description = "Stop after this many epochs without a better validation accuracy (0: never).", DefaultValueFactory = _ => Defaults.Patience }.Range(0, OptionRules.MaxEpochs);
    public Option<double> ClipSeconds { get; } = new Option<double>("--clip-seconds") { Description = "Training crop and evaluation window length in seconds.", DefaultValueFactory = _ => 1.0 }.Range(0.01, Leaf.Audio.AudioLimits.MaximumClipSeconds, minInclusive: true);
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the weights, the split and the data order.", DefaultValueFactory = _ => Defaults.Seed };
    public Option<string> Device { get; } = new Option<string>("--device") { Description = "Torch device (cpu; cuda needs a CUDA build of TorchSharp).", DefaultValueFactory = _ => Defaults.Device }.Device();
    public Option<bool> StablePcen { get; } = new("--stable-pcen") { Description = "Learn sPCEN's alpha, delta, root and smoothing as logarithms (stays positive; LEAF only)." };
    public Option<string> Algorithm { get; } = new("--algorithm")
    {
        Description = "How LEAF computes its filterbank energies while training: fast (blocked DFTs; same values and gradients within 1e-4, several times faster), exact (the published convolutions) or auto (fast where its geometry allows).",
        DefaultValueFactory = _ => "auto",
    };
    public Option<string> Recipe { get; } = new("--recipe")
    {
        Description = "default (the library's: LEAF with log compression, per-example feature standardisation) or paper (the paper's sPCEN LEAF, no standardisation). Augmentation is off in both; the options below override either.",
        DefaultValueFactory = _ => "default",
    };
    public Option<bool?> Standardize { get; } = new("--standardize") { Description = "Standardise each example's features (mean 0, variance 1) before the encoder: true|false." };
    public Option<double?> Shift { get; } = new Option<double?>("--shift") { Description = "Augmentation: largest random time shift in seconds (0: off)." }.Range(0, 60, minInclusive: true);
    public Option<double?> Equalizer { get; } = new Option<double?>("--eq") { Description = "Augmentation: probability of a random 3-band equaliser of ±--eq-db (0: off)." }.Range(0, 1, minInclusive: true);
    public Option<double?> EqualizerDb { get; } = new Option<double?>("--eq-db") { Description = "Augmentation: largest boost or cut of an equaliser band in dB." }.Range(0, 40, minInclusive: true);
    public Option<double?> Noise { get; } = new Option<double?>("--noise") { Description = "Augmentation: probability of mixing white, pink or brown noise at a random SNR in --snr (0: off)." }.Range(0, 1, minInclusive: true);
    public Option<string?> Snr { get; } = new("--snr") { Description = "Augmentation: SNR range of the mixed noise in dB, MIN:MAX." };
    public Option<double?> Gain { get; } = new Option<double?>("--gain-db") { Description = "Augmentation: largest random gain in dB after loudness normalisation (0: off)." }.Range(0, 40, minInclusive: true);
    public Option<bool?> SpecAugment { get; } = new("--spec-augment") { Description = "Augmentation: SpecAugment masks (2 × ≤10 channels, 2 × ≤10 frames) on the features: true|false." };

    public TrainingRecipeOptions()
    {
        Frontend.Validators.Add(result =>
        {
            string value = result.GetValueOrDefault<string>();
            if (!FrontendKindNames.All.Contains(value) && !File.Exists(value))
                result.AddError($"--frontend {value}: neither a frontend kind ({string.Join("|", FrontendKindNames.All)}) nor an existing description file");
        });
        Classifier.AcceptOnlyFromAmong([.. EncoderKindNames.Accepted]);
        Algorithm.AcceptOnlyFromAmong(["auto", .. LeafAlgorithmNames.All]);
        Recipe.AcceptOnlyFromAmong("default", "paper");
    }

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All =>
    [
        Frontend, Classifier, Epochs, Minutes, Batch, LearningRate, FrontendLearningRate, WidthLearningRateScale, WeightDecay, Patience, ClipSeconds, Seed,
        Device, StablePcen, Algorithm, Recipe, Standardize, Shift, Equalizer, EqualizerDb, Noise, Snr, Gain, SpecAugment,
    ];

    /// <summary>The trainer options the parsed command line asks for, writing into <paramref name="outputDirectory"/>.</summary>
    /// <exception cref="ArgumentException">A value is malformed or out of range.</exception>
    public TrainerOptions Read(ParseResult parse, string outputDirectory, string? frontendOverride = null)
    {
        bool paper = parse.GetValue(Recipe) == "paper";
        var recipe = paper ? TrainerOptions.PaperRecipe(outputDirectory) : Defaults with { OutputDirectory = outputDirectory };
        var augmentation = recipe.Augmentation;
        var (minSnr, maxSnr) = parse.GetValue(Snr) is { } snr ? ParseRange(snr, "--snr") : (augmentation.MinSnrDb, augmentation.MaxSnrDb);
        augmentation = augmentation with
        {
            MaxShiftSeconds = parse.GetValue(Shift) ?? augmentation.MaxShiftSeconds,
            EqualizerProbability = parse.GetValue(Equalizer) ?? augmentation.EqualizerProbability,
            EqualizerMaxGainDb = parse.GetValue(EqualizerDb) ?? augmentation.EqualizerMaxGainDb,
            NoiseProbability = parse.GetValue(Noise) ?? augmentation.NoiseProbability,
            MinSnrDb = minSnr, MaxSnrDb = maxSnr,
            MaxGainDb = parse.GetValue(Gain) ?? augmentation.MaxGainDb,
        };
        var specAugment = parse.GetValue(SpecAugment) is { } masks ? (masks ? new SpecAugmentOptions() : null) : recipe.SpecAugment;
        return recipe with
        {
            Frontend = WithStablePcen(FrontendOf(frontendOverride ?? parse.GetValue(Frontend)!, paper), parse.GetValue(StablePcen)),
            Encoder = EncoderKindNames.Parse(parse.GetValue(Classifier)!),
            Epochs = parse.GetValue(Epochs), Minutes = parse.GetValue(Minutes), BatchSize = parse.GetValue(Batch),
            LearningRate = parse.GetValue(LearningRate), FrontendLearningRate = parse.GetValue(FrontendLearningRate) ?? recipe.FrontendLearningRate,
            FilterWidthLearningRateScale = parse.GetValue(WidthLearningRateScale),
            WeightDecay = parse.GetValue(WeightDecay), Patience = parse.GetValue(Patience), Seed = parse.GetValue(Seed),
            Clip = new ClipOptions { Length = (int)Math.Round(parse.GetValue(ClipSeconds) * ClipOptions.Default.SampleRate) },
            Device = parse.GetValue(Device)!,
            LeafAlgorithm = parse.GetValue(Algorithm) is "auto" or null ? null : LeafAlgorithmNames.Parse(parse.GetValue(Algorithm)!),
            StandardizeFeatures = parse.GetValue(Standardize) ?? recipe.StandardizeFeatures,
            Augmentation = augmentation.Validated(),
            SpecAugment = specAugment,
        };
    }

    /// <summary>A kind's frontend in the paper's or the library's recipe, or the description in a .json or .onnx file.</summary>
    public static FrontendDescription FrontendOf(string value, bool paper = false)
    {
        if (!FrontendKindNames.All.Contains(value)) return FrontendSource.Resolve(value, kind: null);
        var kind = FrontendKindNames.Parse(value);
        return paper ? FrontendDescription.Default(kind) : TrainerOptions.RecipeFrontend(kind);
    }

    // sPCEN learned in log space, only where the frontend has a trainable sPCEN.
    private static FrontendDescription WithStablePcen(FrontendDescription frontend, bool stable) =>
        stable && frontend.Compression == CompressionKind.Pcen && frontend.Pcen.Trainable ? frontend with { Pcen = frontend.Pcen with { LearnLogs = true } } : frontend;

    private static (double Min, double Max) ParseRange(string text, string option)
    {
        var parts = text.Split(':');
        if (parts.Length == 2
            && double.TryParse(parts[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double min)
            && double.TryParse(parts[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double max))
            return (min, max);
        throw new ArgumentException($"{option} {text}: expected MIN:MAX in dB, e.g. 5:30");
    }
}
