using System.Diagnostics;
using Leaf.Training.Classifiers;
using Leaf.Training.Data;
using Leaf.Training.Frontends;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Training;

/// <summary>
/// Trains a single-task classifier (frontend + encoder + head) on a dataset with Adam, validates per epoch with the paper's
/// protocol (1 s windows, logits averaged per file), checkpoints atomically and resumes at epoch boundaries.
/// </summary>
public sealed class Trainer
{
    /// <summary>Name of the checkpoint of the latest epoch.</summary>
    public const string LastCheckpoint = "last.ckpt";
    /// <summary>Name of the checkpoint with the best validation accuracy.</summary>
    public const string BestCheckpoint = "best.ckpt";
    /// <summary>Name of the per-epoch metrics file.</summary>
    public const string MetricsFile = "metrics.csv";
    /// <summary>Name of the learned frontend description.</summary>
    public const string FrontendFile = "frontend.json";
    /// <summary>Name of the test report.</summary>
    public const string ReportFile = "report.json";

    private readonly AudioDataset _dataset;
    private readonly TrainerOptions _options;
    private readonly BatchSource _source;
    private readonly Device _device;

    /// <summary>A trainer of <paramref name="dataset"/> with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid or the dataset has no training files.</exception>
    public Trainer(AudioDataset dataset, TrainerOptions options)
    {
        _options = options.Validated();
        _dataset = dataset;
        if (dataset.IndicesOf(DatasetSplit.Train).Count == 0) throw new ArgumentException($"{dataset.Source} has no training files");
        if (dataset.Labels.Count < 2) throw new ArgumentException($"{dataset.Source} has {dataset.Labels.Count} class; at least 2 are needed");
        _device = TorchRuntime.Device(options.Device);
        _source = new BatchSource(dataset, new BatchSourceOptions { Clip = options.Clip });
    }

    /// <summary>Files that failed to decode during training (reported once each).</summary>
    public IReadOnlyList<SkippedFile> DecodeFailures => _source.DecodeFailures;

    /// <summary>The classifier the options describe, with weights drawn from the seed.</summary>
    public AudioClassifier CreateModel()
    {
        torch.manual_seed(_options.Seed);
        var model = ClassifierFactory.Create(_options.Frontend, ClassifierOptions.SingleTask(_dataset.Labels, _options.Encoder));
        model.to(_device);
        return model;
    }

    /// <summary>Trains until the epochs, the time budget or the patience run out, then tests the best checkpoint.</summary>
    public TrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(_options.OutputDirectory);
        using var model = CreateModel();
        using var optimizer = CreateOptimizer(model);
        string last = Output(LastCheckpoint);
        var state = _options.Resume && File.Exists(last) ? Checkpoint.Load(last, model, optimizer) : TrainingState.Start(_options.Seed);
        if (state.Seed != _options.Seed) throw new ArgumentException($"{last} was trained with seed {state.Seed}, not {_options.Seed}");
        var metrics = MetricsLog.Read(Output(MetricsFile), state.Epoch);
        var session = Stopwatch.StartNew();
        double startSeconds = state.Seconds;
        while (!Finished(state))
        {
            int epoch = state.Epoch + 1;
            double lr = SetLearningRates(optimizer, epoch);
            var (loss, accuracy, steps) = TrainEpoch(model, optimizer, epoch, state, progress, cancellation);
            double valid = Evaluate(model, DatasetSplit.Valid, cancellation).Accuracy(_dataset);
            bool better = double.IsNaN(valid) || valid > state.BestValidAccuracy;
            state = state with
            {
                Epoch = epoch, Step = state.Step + steps, Seconds = startSeconds + session.Elapsed.TotalSeconds,
                BestValidAccuracy = better ? valid : state.BestValidAccuracy, BestEpoch = better ? epoch : state.BestEpoch,
                EpochsWithoutImprovement = better ? 0 : state.EpochsWithoutImprovement + 1,
            };
            metrics.Add(new EpochMetrics(epoch, state.Step, loss, accuracy, valid, lr, state.Seconds));
            if (better) Checkpoint.Save(Output(BestCheckpoint), state, model, optimizer);
            Checkpoint.Save(last, state, model, optimizer);
            MetricsLog.Write(Output(MetricsFile), metrics);
        }
        if (File.Exists(Output(BestCheckpoint))) Checkpoint.LoadWeights(Output(BestCheckpoint), model);
        var report = Test(model, state, cancellation);
        ((IFrontend)model.Frontend).ToDescription().Save(Output(FrontendFile));
        Leaf.Audio.AtomicFile.WriteText(Output(ReportFile), report.ToJson());
        return new TrainingResult(state, metrics, report, model.ToDescription());
    }

    /// <summary>Per-file logits of <paramref name="split"/> (eval mode, no gradients, 1 s windows averaged per file).</summary>
    public FileLogitAverager Evaluate(AudioClassifier model, DatasetSplit split, CancellationToken cancellation = default)
    {
        model.eval();
        var averager = new FileLogitAverager(_dataset.Labels.Count);
        using var noGrad = torch.no_grad();
        foreach (var batch in _source.Evaluation(split, _options.BatchSize, cancellation))
        {
            using var scope = torch.NewDisposeScope();
            var logits = model.forward(Waveforms(batch)).cpu();
            averager.Add(logits.data<float>().ToArray(), batch.FileIndices);
        }
        return averager;
    }

    private bool Finished(TrainingState state) =>
        state.Epoch >= _options.Epochs
        || (_options.Minutes is { } minutes && state.Seconds >= minutes * 60)
        || (_options.Patience > 0 && state.EpochsWithoutImprovement >= _options.Patience);

    private (double Loss, double Accuracy, int Steps) TrainEpoch(AudioClassifier model, TorchSharp.Modules.Adam optimizer, int epoch, TrainingState state,
        IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        model.train();
        torch.manual_seed(EpochSeed(epoch));   // dropout and augmentation of epoch e depend on (seed, e) only, so resuming reproduces them
        int stepsPerEpoch = (_dataset.IndicesOf(DatasetSplit.Train).Count + _options.BatchSize - 1) / _options.BatchSize;
        double lossSum = 0, correct = 0;
        int clips = 0, steps = 0;
        foreach (var batch in _source.Training(DatasetSplit.Train, _options.BatchSize, _options.Seed, epoch, cancellation))
        {
            using var scope = torch.NewDisposeScope();
            var labels = torch.tensor(batch.Labels.Select(l => (long)l).ToArray(), device: _device);
            var logits = model.forward(Waveforms(batch));
            var loss = nn.functional.cross_entropy(logits, labels);
            optimizer.zero_grad();
            loss.backward();
            if (_options.MaxGradientNorm > 0) nn.utils.clip_grad_norm_(model.parameters(), _options.MaxGradientNorm);
            optimizer.step();
            model.ApplyConstraints();   // Keras constraint semantics: project after every update
            lossSum += loss.item<float>() * batch.Count;
            correct += logits.argmax(1).eq(labels).sum().item<long>();
            clips += batch.Count;
            steps++;
            progress?.Report(new TrainingProgress(epoch, _options.Epochs, steps, stepsPerEpoch, state.Step + steps, lossSum / clips, correct / clips,
                clips / Math.Max(watch.Elapsed.TotalSeconds, 1e-3), state.BestValidAccuracy));
        }
        return (lossSum / Math.Max(clips, 1), correct / Math.Max(clips, 1), steps);
    }

    private TrainingReport Test(AudioClassifier model, TrainingState state, CancellationToken cancellation)
    {
        var averager = Evaluate(model, DatasetSplit.Test, cancellation);
        int classes = _dataset.Labels.Count;
        var confusion = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        foreach (var (file, predicted) in averager.Predictions()) confusion[_dataset.Items[file].Label][predicted]++;
        return new TrainingReport
        {
            TestAccuracy = averager.Accuracy(_dataset), BestValidAccuracy = state.BestValidAccuracy, BestEpoch = state.BestEpoch,
            Epochs = state.Epoch, Steps = state.Step, Seconds = state.Seconds,
            FrontendParameters = model.Frontend.CountParameters(trainableOnly: true), TotalParameters = model.CountParameters(trainableOnly: true),
            Labels = _dataset.Labels, Confusion = confusion, PerClass = ClassMetrics.FromConfusion(_dataset.Labels, confusion),
            Frontend = ((IFrontend)model.Frontend).ToDescription(),
        };
    }

    // Two parameter groups so the frontend can learn at its own rate.
    private TorchSharp.Modules.Adam CreateOptimizer(AudioClassifier model)
    {
        var frontend = model.Frontend.parameters().ToHashSet();
        var rest = model.parameters().Where(p => !frontend.Contains(p)).ToArray();
        return optim.Adam(
        [
            new TorchSharp.Modules.Adam.ParamGroup(frontend, lr: _options.EffectiveFrontendLearningRate, weight_decay: _options.WeightDecay),
            new TorchSharp.Modules.Adam.ParamGroup(rest, lr: _options.LearningRate, weight_decay: _options.WeightDecay),
        ], lr: _options.LearningRate);
    }

    // Cosine annealing over the planned epochs (to 0 at the end); a function of the epoch only, so resuming needs no scheduler state.
    private double SetLearningRates(TorchSharp.Modules.Adam optimizer, int epoch)
    {
        double factor = 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / _options.Epochs));
        var groups = optimizer.ParamGroups.ToArray();
        groups[0].LearningRate = _options.EffectiveFrontendLearningRate * factor;
        groups[1].LearningRate = _options.LearningRate * factor;
        return groups[1].LearningRate;
    }

    private long EpochSeed(int epoch) => _options.Seed * 1_000_003L + epoch;

    private Tensor Waveforms(AudioBatch batch) => torch.tensor(batch.Waveforms, [batch.Count, batch.Samples], device: _device);

    private string Output(string name) => Path.Combine(_options.OutputDirectory, name);
}
