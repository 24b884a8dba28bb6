using Leaf.Tests;

namespace Leaf.Cli.Tests;

/// <summary>
/// The commands that need no training run without TorchSharp: each runs as a child <c>leaf</c> process with
/// <see cref="StartupHook"/>, which lists what the process loaded, and neither TorchSharp nor Leaf.Training (nor
/// libtorch) may be among it. <c>leaf info</c>, which reports on libtorch, shows that the listing sees TorchSharp when it
/// is loaded.
/// </summary>
public sealed class TrainingFreeCommandsTests : IDisposable
{
    private static readonly string[] TrainingAssemblies = ["TorchSharp", "Leaf.Training"];
    private static readonly string KeywordsModel = Repository.Path("models", "keywords", "model.onnx");

    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"leaf-training-free-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void DataEvalMlNetAndTheOtherInferenceCommandsLoadNeitherTorchSharpNorLeafTraining()
    {
        string data = Path.Combine(_dir, "keywords");
        string[][] commands =
        [
            ["data", "synth", "keywords", "--out", data, "--per-class", "3", "--seed", "1"],
            ["eval", "--model", KeywordsModel, "--data", data],
            ["mlnet", "train", "--data", data, "--trainer", "sdca", "--out", Path.Combine(_dir, "mlnet")],
            ["mlnet", "wrap", "--model", KeywordsModel, "--out", Path.Combine(_dir, "wrapped")],
            ["predict", "--model", KeywordsModel, Path.Combine(data, "test")],
            ["score", "--model", KeywordsModel, "--input", data, "--out", Path.Combine(_dir, "scores.csv")],
            ["featurize", Path.Combine(data, "test"), "--out", Path.Combine(_dir, "features")],
            ["export", "--out", Path.Combine(_dir, "leaf.onnx")],
        ];
        foreach (string[] args in commands)
        {
            var loaded = Loaded(args);
            Assert.Contains("Leaf.Audio", loaded); // the listing works
            Assert.True(!loaded.Any(IsTraining), $"leaf {string.Join(' ', args)} loaded {string.Join(", ", loaded.Where(IsTraining))}");
        }
    }

    [Fact]
    public void InfoLoadsTorchSharpAndTheListingSeesIt()
    {
        var loaded = Loaded(["info"]);
        Assert.Contains("TorchSharp", loaded);
        Assert.Contains("Leaf.Training", loaded);
        Assert.Contains(loaded, name => name.StartsWith("libtorch", StringComparison.Ordinal));
    }

    private static bool IsTraining(string name) =>
        TrainingAssemblies.Contains(name) || name.StartsWith("libtorch", StringComparison.Ordinal) || name.StartsWith("libLibTorchSharp", StringComparison.Ordinal);

    /// <summary>Runs <c>leaf ARGS…</c> in a child process to the end and returns what it loaded (see <see cref="StartupHook"/>).</summary>
    private string[] Loaded(string[] args)
    {
        string list = Path.Combine(_dir, "loaded.txt");
        File.Delete(list);
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_STARTUP_HOOKS"] = typeof(TrainingFreeCommandsTests).Assembly.Location,
            [StartupHook.OutputVariable] = list,
        };
        using var child = new LeafProcess(environment, args);
        int code = child.WaitForExit(TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"leaf {string.Join(' ', args)} exited {code}: {child.Error}");
        return File.ReadAllLines(list);
    }
}
