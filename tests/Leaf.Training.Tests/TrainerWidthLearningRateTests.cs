using Leaf.Datasets;
using Leaf.Frontends;
using Leaf.Tests;
using Leaf.Training.Fitting;

namespace Leaf.Training.Tests;

/// <summary>The Gabor widths' own learning-rate scale: it makes them move, and a run with it still resumes exactly.</summary>
[Collection(TorchRngCollection.Name)]
public sealed class TrainerWidthLearningRateTests : IDisposable
{
    private readonly DataTestFiles _files = new();

    public TrainerWidthLearningRateTests()
    {
        for (int i = 0; i < 8; i++)
        {
            _files.Wav($"low/{i}.wav", TrainerTests.Tone(300 + 20 * i, i));   // TrainerTests' two easy classes
            _files.Wav($"high/{i}.wav", TrainerTests.Tone(3000 + 100 * i, i));
        }
    }

    public void Dispose() => _files.Dispose();

    [Fact]
    public void ScaledWidthsMoveFartherAndTheCentresDoNot()
    {
        Train(Options("plain", 1) with { Epochs = 1 });
        Train(Options("scaled", 100) with { Epochs = 1 });
        double plain = MeanRelativeChange(Learned("plain", ParameterNames.GaborWidth), Initial(ParameterNames.GaborWidth));
        double scaled = MeanRelativeChange(Learned("scaled", ParameterNames.GaborWidth), Initial(ParameterNames.GaborWidth));
        Assert.True(scaled > 10 * plain, $"mean |Δσ|/σ was {plain:E2} at scale 1 and {scaled:E2} at scale 100");
        // Same seed, same data, same first step: only the widths' rate differs, so the centres move by the same order.
        double plainCentres = MeanRelativeChange(Learned("plain", ParameterNames.GaborCenter), Initial(ParameterNames.GaborCenter));
        double scaledCentres = MeanRelativeChange(Learned("scaled", ParameterNames.GaborCenter), Initial(ParameterNames.GaborCenter));
        Assert.InRange(scaledCentres, plainCentres / 3, plainCentres * 3);
    }

    [Fact]
    public void ResumingARunWithScaledWidthsGivesTheUninterruptedRun()
    {
        var whole = Train(Options("whole", 30) with { Epochs = 2 });
        Train(Options("parts", 30) with { Epochs = 1 });
        var resumed = Train(Options("parts", 30) with { Epochs = 2, Resume = true });

        for (int e = 0; e < 2; e++) Assert.Equal(whole.Metrics[e].TrainLoss, resumed.Metrics[e].TrainLoss, 5);
        Assert.True(TrainerTests.MaxWeightDifference(Dir("whole"), Dir("parts")) < 1e-5);
    }

    [Fact]
    public void ANegativeScaleIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Options("bad", -1).Validated());
        Assert.Contains("filter width learning-rate scale -1", e.Message);
    }

    private TrainingResult Train(TrainerOptions options) =>
        new Trainer(AudioDataset.Load(_files.Root, new DatasetOptions { Seed = 3, Fractions = new SplitFractions(0.5, 0.25, 0.25) }), options).Run();

    private TrainerOptions Options(string name, double scale) => new()
    {
        OutputDirectory = Dir(name), BatchSize = 4, Seed = 7, Clip = new ClipOptions { Length = TrainerTests.Samples }, TensorBoard = false,
        FilterWidthLearningRateScale = scale,
    };

    private float[] Learned(string run, string parameter) => FrontendDescription.Load(Path.Combine(Dir(run), RunFolder.FrontendFile)).Values(parameter);

    private static float[] Initial(string parameter) => FrontendDescription.Default(FrontendKind.Leaf).WithInitialParameters().Values(parameter);

    private static double MeanRelativeChange(float[] learned, float[] initial) =>
        learned.Zip(initial, (l, i) => Math.Abs(l - (double)i) / Math.Abs(i)).Average();

    private string Dir(string name) => Path.Combine(_files.Root, "runs", name);
}
