using System.Diagnostics;
using Leaf.Datasets;
using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Training.Classifiers;
using Leaf.Training.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Fitting;

/// <summary>
/// Trains a classifier (frontend + encoder + one head per task) on one or several named datasets with Adam, validates per
/// epoch with the paper's protocol (1 s windows, logits averaged per file), checkpoints atomically and resumes at epoch
/// boundaries. Multi-task: the frontend and encoder are shared; each step trains one task's batch with that task's
/// cross-entropy, the tasks interleaved evenly over the epoch (<see cref="TaskInterleaving"/>); model selection uses the
/// mean of the tasks' validation accuracies.
/// </summary>
public sealed class Trainer
{
    /// <summary>Task name of a dataset trained on its own.</summary>
    public const string SingleTaskName = "task";

    private readonly NamedDataset[] _tasks;
    private readonly TrainerOptions _options;
    private readonly BatchSource[] _sources;
    private readonly Device _device;

    /// <summary>A single-task trainer of <paramref name="dataset"/> (task <see cref="SingleTaskName"/>) with <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid or the dataset has no training files or fewer than 2 classes.</exception>
    public Trainer(AudioDataset dataset, TrainerOptions options) : this([new NamedDataset(SingleTaskName, dataset)], options) { }

    /// <summary>A multi-task trainer: one head per dataset of <paramref name="tasks"/>, shared frontend and encoder.</summary>
    /// <exception cref="ArgumentException">No task, repeated names, invalid options, or a dataset without training files or with fewer than 2 classes.</exception>
    public Trainer(IReadOnlyList<NamedDataset> tasks, TrainerOptions options)
    {
        _options = options.Validated();
        if (tasks.Count == 0) throw new ArgumentException("at least one dataset is needed", nameof(tasks));
        foreach (var (name, dataset) in tasks)
        {
            if (dataset.IndicesOf(DatasetSplit.Train).Count == 0) throw new ArgumentException($"{dataset.Source} (task '{name}') has no training files");
            if (dataset.Labels.Count < 2) throw new ArgumentException($"{dataset.Source} (task '{name}') has {dataset.Labels.Count} class; at least 2 are needed");
        }
        _tasks = [.. tasks];
        ClassifierOptions.Validate();
        _device = TorchRuntime.Device(options.Device);
        _sources = [.. _tasks.Select(t => new BatchSource(t.Dataset, new BatchSourceOptions { Clip = options.Clip, Augmentation = options.Augmentation }))];
    }

    /// <summary>The tasks, in head order.</summary>
    public IReadOnlyList<NamedDataset> Tasks => _tasks;

    /// <summary>Files that failed to decode during training (reported once each).</summary>
    public IReadOnlyList<SkippedFile> DecodeFailures => [.. _sources.SelectMany(s => s.DecodeFailures)];

    /// <summary>The encoder and one head per task, as the options ask.</summary>
    public ClassifierOptions ClassifierOptions => new()
    {
        Encoder = _options.Encoder,
        StandardizeFeatures = _options.StandardizeFeatures,
        SpecAugment = _options.SpecAugment,
        Tasks = [.. _tasks.Select(t => new ClassifierTask(t.Name, [.. t.Dataset.Labels]))],
    };

    /// <summary>The classifier the options describe, with weights drawn from the seed.</summary>
    public AudioClassifier CreateModel()
    {
        torch.manual_seed(_options.Seed);
        var model = ClassifierFactory.Create(_options.Frontend, ClassifierOptions, _options.EffectiveLeafAlgorithm);
        model.to(_device);
        return model;
    }

    /// <summary>Trains until the epochs, the time budget or the patience run out, then tests the best checkpoint.</summary>
    public TrainingResult Run(IProgress<TrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(_options.OutputDirectory);
        using var model = CreateModel();
        var (optimizer, baseRates) = CreateOptimizer(model);
        using var disposeOptimizer = optimizer;
        string last = Output(RunFolder.LastCheckpoint);
        var state = _options.Resume && File.Exists(last) ? Checkpoint.Load(last, model, optimizer) : TrainingState.Start(_options.Seed);
        if (state.Seed != _options.Seed) throw new ArgumentException($"{last} was trained with seed {state.Seed}, not {_options.Seed}");
        var metrics = MetricsLog.Read(Output(RunFolder.MetricsFile), state.Epoch);
        var tensorBoard = _options.TensorBoard ? new TensorBoardLog(Output(RunFolder.TensorBoardFolder)) : null;
        var session = Stopwatch.StartNew();
        double startSeconds = state.Seconds;
        while (!Finished(state))
        {
            int epoch = state.Epoch + 1;
            var (lr, frontendLr) = SetLearningRates(optimizer, baseRates, epoch);
            var epochResult = TrainEpoch(model, optimizer, epoch, state, progress, cancellation);
            double[] valid = [.. _tasks.Select((_, t) => Evaluate(model, DatasetSplit.Valid, t, cancellation).Accuracy(_tasks[t].Dataset))];
            double meanValid = MeanOfDefined(valid);
            bool better = double.IsNaN(meanValid) || meanValid > state.BestValidAccuracy;
            state = state with
            {
                Epoch = epoch, Step = state.Step + epochResult.Steps, Clips = state.Clips + epochResult.Clips.Sum(), Seconds = startSeconds + session.Elapsed.TotalSeconds,
                BestValidAccuracy = better ? meanValid : state.BestValidAccuracy, BestEpoch = better ? epoch : state.BestEpoch,
                EpochsWithoutImprovement = better ? 0 : state.EpochsWithoutImprovement + 1,
            };
            var line = epochResult.ToMetrics(epoch, state, meanValid, valid, lr, frontendLr, _tasks);
            metrics.Add(line);
            if (better) Checkpoint.Save(Output(RunFolder.BestCheckpoint), state, model, optimizer);
            Checkpoint.Save(last, state, model, optimizer);
            MetricsLog.Write(Output(RunFolder.MetricsFile), [.. _tasks.Select(t => t.Name)], metrics);
            tensorBoard?.Write(line);
        }
        if (File.Exists(Output(RunFolder.BestCheckpoint))) Checkpoint.LoadWeights(Output(RunFolder.BestCheckpoint), model);
        var report = Test(model, state, cancellation);
        model.Frontend.ToDescription().Save(Output(RunFolder.FrontendFile));
        Leaf.Audio.AtomicFile.WriteText(Output(RunFolder.ReportFile), report.ToJson());
        return new TrainingResult(state, metrics, report, model.ToDescription());
    }

    /// <summary>Per-file logits of task <paramref name="task"/>'s <paramref name="split"/> (eval mode, no gradients, windows averaged per file).</summary>
    public FileLogitAverager Evaluate(AudioClassifier model, DatasetSplit split, int task = 0, CancellationToken cancellation = default)
    {
        model.eval();
        var averager = new FileLogitAverager(_tasks[task].Dataset.Labels.Count);
        using var noGrad = torch.no_grad();
        foreach (var batch in _sources[task].Evaluation(split, _options.BatchSize, cancellation))
        {
            using var scope = torch.NewDisposeScope();
            var logits = model.ForwardHeads(Waveforms(batch))[task].cpu();
            averager.Add(logits.data<float>().ToArray(), batch.FileIndices);
        }
        return averager;
    }

    private bool Finished(TrainingState state) =>
        state.Epoch >= _options.Epochs
        || (_options.Minutes is { } minutes && state.Seconds >= minutes * 60)
        || (_options.Patience > 0 && state.EpochsWithoutImprovement >= _options.Patience);

    private EpochTotals TrainEpoch(AudioClassifier model, TorchSharp.Modules.Adam optimizer, int epoch, TrainingState state,
        IProgress<TrainingProgress>? progress, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        model.train();
        torch.manual_seed(EpochSeed(epoch));   // dropout and augmentation of epoch e depend on (seed, e) only, so resuming reproduces them
        int[] order = TaskInterleaving.Order([.. _tasks.Select(t => (t.Dataset.IndicesOf(DatasetSplit.Train).Count + _options.BatchSize - 1) / _options.BatchSize)]);
        var batches = _tasks.Select((_, t) => _sources[t].Training(DatasetSplit.Train, _options.BatchSize, TaskSeed(t), epoch, cancellation).GetEnumerator()).ToArray();
        var totals = new EpochTotals(_tasks.Length);
        try
        {
            foreach (int task in order)
            {
                if (!batches[task].MoveNext()) continue;   // a file that failed to decode can leave a task one batch short
                var batch = batches[task].Current;
                using var scope = torch.NewDisposeScope();
                var labels = torch.tensor(batch.Labels.Select(l => (long)l).ToArray(), device: _device);
                var logits = model.ForwardHeads(Waveforms(batch))[task];
                var loss = nn.functional.cross_entropy(logits, labels);
                foreach (var p in model.parameters()) p.grad = null;   // set to none: Adam skips a head that gets no gradient this step, in a fresh or a resumed run alike
                loss.backward();
                if (_options.MaxGradientNorm > 0) nn.utils.clip_grad_norm_(model.parameters(), _options.MaxGradientNorm);
                optimizer.step();
                model.ApplyConstraints();   // Keras constraint semantics: project after every update
                totals.Add(task, loss.item<float>() * batch.Count, logits.argmax(1).eq(labels).sum().item<long>(), batch.Count);
                progress?.Report(new TrainingProgress(epoch, _options.Epochs, totals.Steps, order.Length, state.Step + totals.Steps, totals.MeanLoss, totals.Accuracy,
                    totals.Clips.Sum() / Math.Max(watch.Elapsed.TotalSeconds, 1e-3), state.BestValidAccuracy));
            }
        }
        finally
        {
            foreach (var b in batches) b.Dispose();
        }
        return totals;
    }

    private TrainingReport Test(AudioClassifier model, TrainingState state, CancellationToken cancellation)
    {
        var tasks = _tasks.Select((task, t) =>
        {
            var averager = Evaluate(model, DatasetSplit.Test, t, cancellation);
            int classes = task.Dataset.Labels.Count;
            var confusion = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
            foreach (var (file, predicted) in averager.Predictions()) confusion[task.Dataset.Items[file].Label][predicted]++;
            return new TaskReport
            {
                Name = task.Name, TestAccuracy = averager.Accuracy(task.Dataset), Labels = task.Dataset.Labels,
                Confusion = confusion, PerClass = ClassMetrics.FromConfusion(task.Dataset.Labels, confusion),
            };
        }).ToArray();
        return new TrainingReport
        {
            TestAccuracy = MeanOfDefined([.. tasks.Select(t => t.TestAccuracy)]), BestValidAccuracy = state.BestValidAccuracy, BestEpoch = state.BestEpoch,
            Epochs = state.Epoch, Steps = state.Step, Seconds = state.Seconds, ClipsPerSecond = state.Clips / Math.Max(state.Seconds, 1e-9),
            FrontendParameters = model.Frontend.CountParameters(trainableOnly: true), TotalParameters = model.CountParameters(trainableOnly: true),
            Tasks = tasks, Frontend = model.Frontend.ToDescription(),
        };
    }

    // Parameter groups so the frontend can learn at its own rate, and the Gabor widths (σ in samples, tens to hundreds, where
    // Adam's step is absolute in parameter units) at a scaled one; the width group exists only when the scale is not 1, so a
    // run at scale 1 is today's two-group optimizer and resumes its checkpoints. Returns each group's rate before the schedule.
    private (TorchSharp.Modules.Adam Optimizer, double[] BaseRates) CreateOptimizer(AudioClassifier model)
    {
        var frontend = model.Frontend.named_parameters().ToArray();   // module order: the checkpoint stores Adam's state in parameter order
        bool separateWidths = _options.FilterWidthLearningRateScale != 1 && frontend.Any(p => p.name == ParameterNames.GaborWidth);
        var widths = frontend.Where(p => separateWidths && p.name == ParameterNames.GaborWidth).Select(p => p.parameter).ToArray();
        var others = frontend.Select(p => p.parameter).Except(widths).ToArray();
        var inFrontend = frontend.Select(p => p.parameter).ToHashSet();
        var rest = model.parameters().Where(p => !inFrontend.Contains(p)).ToArray();
        var groups = new List<(Parameter[] Parameters, double Rate)> { (others, _options.EffectiveFrontendLearningRate) };
        if (widths.Length > 0) groups.Add((widths, _options.EffectiveFrontendLearningRate * _options.FilterWidthLearningRateScale));
        groups.Add((rest, _options.LearningRate));
        var optimizer = new HeldScalarAdam([.. groups.Select(g => new TorchSharp.Modules.Adam.ParamGroup(g.Parameters, lr: g.Rate, weight_decay: _options.WeightDecay))],
            _options.LearningRate);
        return (optimizer, [.. groups.Select(g => g.Rate)]);
    }

    // Cosine annealing over the planned epochs (to 0 at the end) of every group; a function of the epoch only, so resuming needs no
    // scheduler state. Returns the classifier's and the frontend's rate (the first and the last group).
    private (double Classifier, double Frontend) SetLearningRates(TorchSharp.Modules.Adam optimizer, double[] baseRates, int epoch)
    {
        double factor = 0.5 * (1 + Math.Cos(Math.PI * (epoch - 1) / _options.Epochs));
        var groups = optimizer.ParamGroups.ToArray();
        for (int g = 0; g < groups.Length; g++) groups[g].LearningRate = baseRates[g] * factor;
        return (groups[^1].LearningRate, groups[0].LearningRate);
    }

    // The mean of the values that are not NaN (tasks without a validation or test split count for nothing); NaN when none is.
    private static double MeanOfDefined(double[] values) =>
        values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Average();

    private long EpochSeed(int epoch) => _options.Seed * 1_000_003L + epoch;

    // Task 0 uses the run's seed (a single-task run's data order is that of the seed); others get their own order.
    private int TaskSeed(int task) => unchecked(_options.Seed + 7919 * task);

    private Tensor Waveforms(AudioBatch batch) => torch.tensor(batch.Waveforms, [batch.Count, batch.Samples], device: _device);

    private string Output(string name) => Path.Combine(_options.OutputDirectory, name);
}
