using System.Globalization;
using Leaf.Audio;
using Leaf.Cli.MlNet;
using Leaf.MLNet;
using Leaf.MLNet.Tests;
using Leaf.Onnx.Classifiers;
using Microsoft.ML;

namespace Leaf.Cli.Tests;

/// <summary>leaf mlnet train and wrap: model.zip predictions, and the generated consumption project built and run.</summary>
public sealed class MlNetCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"leaf-mlnet-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    public sealed class Prediction
    {
        public string PredictedLabel { get; set; } = "";
        public float[] Score { get; set; } = [];
    }

    [Fact]
    public void TrainWritesAModelZipAndAConsumptionProjectThatPredictsLikeMlNet()
    {
        var random = new Random(5);
        foreach (var (label, hz) in new[] { ("low", 300.0), ("mid", 1200.0), ("high", 4000.0) })
            for (int i = 0; i < 8; i++) Tone($"data/{label}/{i}.wav", hz * (0.92 + 0.16 * random.NextDouble()), random);
        string outDir = Path.Combine(_dir, "out");

        var (code, stdout, stderr) = CliBasicsTests.Run("mlnet", "train", "--data", Path.Combine(_dir, "data"), "--out", outDir, "--name", "Tones", "--leaf-mlnet", LeafMlNetProject);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("test accuracy", stdout);
        Assert.Contains("  low: ", stdout);
        string project = Path.Combine(outDir, "Tones.Consumption");
        foreach (string file in new[] { "Tones.Consumption.csproj", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "ModelInput.cs", "ModelOutput.cs", "Tones.cs", "Program.cs" })
            Assert.True(File.Exists(Path.Combine(project, file)), $"{file} is missing");
        Assert.DoesNotContain(_dir, File.ReadAllText(Path.Combine(project, "Tones.Consumption.csproj"))); // relative paths only

        string[] files = [Path.Combine(_dir, "data/low/0.wav"), Path.Combine(_dir, "data/high/5.wav"), Path.Combine(_dir, "data/mid/2.wav")];
        string[] expected = files.Select(f => Line(f, PredictInProcess(Path.Combine(outDir, "model.zip"), f))).ToArray();
        Assert.Equal(["low", "high", "mid"], expected.Select(l => l.Split('\t')[1]));

        var (buildCode, buildLog) = Dotnet(TimeSpan.FromMinutes(4), "build", project, "-c", "Release", "--nologo");
        Assert.True(buildCode == 0, buildLog);
        var (runCode, runLog) = Dotnet(TimeSpan.FromMinutes(1), [Path.Combine(project, "bin/Release", $"net{Environment.Version.Major}.{Environment.Version.Minor}", "Tones.Consumption.dll"), .. files]);
        Assert.True(runCode == 0, runLog);
        Assert.Equal(expected, runLog.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void WrapAndItsConsumptionProjectPredictLikeLeafPredictAtAnyLength()
    {
        string onnx = TinyClassifier.Write(Path.Combine(_dir, "model.onnx"));
        string[] files = [Tone("a.wav", 300, new Random(1)), Tone("b.wav", 5000, new Random(2), 0.3), Tone("c.wav", 1500, new Random(3), 3.5)];
        string outDir = Path.Combine(_dir, "wrapped");

        var (code, stdout, stderr) = CliBasicsTests.Run("mlnet", "wrap", "--model", onnx, "--out", outDir, "--leaf-mlnet", LeafMlNetProject);
        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("labels low, mid, high", stdout);
        Assert.True(File.Exists(Path.Combine(outDir, "LeafModel.Consumption", "Program.cs")));

        using var classifier = new OnnxClassifier(onnx); // what leaf predict runs
        foreach (string file in files)
        {
            var expected = classifier.Score(AudioFile.Load(file, AudioLoadOptions.Default).Samples).Tasks[0];
            var actual = PredictInProcess(Path.Combine(outDir, "model.zip"), file);
            Assert.Equal(expected.TopLabel, actual.PredictedLabel);
            Assert.Equal(expected.Probabilities, actual.Score, (a, b) => Math.Abs(a - b) <= 1e-6);
        }

        // The generated consumption project, built and run, prints the label `leaf predict` prints first for each file.
        string project = Path.Combine(outDir, "LeafModel.Consumption");
        var (buildCode, buildLog) = Dotnet(TimeSpan.FromMinutes(4), "build", project, "-c", "Release", "--nologo");
        Assert.True(buildCode == 0, buildLog);
        var (runCode, runLog) = Dotnet(TimeSpan.FromMinutes(1), [Path.Combine(project, "bin/Release", $"net{Environment.Version.Major}.{Environment.Version.Minor}", "LeafModel.Consumption.dll"), .. files]);
        Assert.True(runCode == 0, runLog);
        var (predictCode, predicted, predictErrors) = CliBasicsTests.Run(["predict", "--model", onnx, "--top", "1", .. files]);
        Assert.True(predictCode == 0, predictErrors);
        Assert.Equal(
            predicted.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.LastIndexOf(' ')].Replace(": ", "\t", StringComparison.Ordinal)),
            runLog.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.LastIndexOf('\t')].Trim()));
    }

    // The built consumption projects of the tests above reference the project; PackageTests (Leaf.MLNet.Tests) builds one by package.
    private static string LeafMlNetProject => Leaf.Tests.Repository.Path("src", "Leaf.MLNet", "Leaf.MLNet.csproj");

    [Fact]
    public void TheGeneratedProjectReferencesTheLeafMlNetPackageFromTheGivenFeed()
    {
        string onnx = TinyClassifier.Write(Path.Combine(_dir, "model.onnx"));
        string feed = Directory.CreateDirectory(Path.Combine(_dir, "feed")).FullName;
        var (code, stdout, stderr) = CliBasicsTests.Run("mlnet", "wrap", "--model", onnx, "--out", Path.Combine(_dir, "pkg"), "--package-source", feed);
        Assert.True(code == 0, stdout + stderr);
        string project = Path.Combine(_dir, "pkg", "LeafModel.Consumption");
        string csproj = File.ReadAllText(Path.Combine(project, "LeafModel.Consumption.csproj"));
        Assert.Contains("""<PackageReference Include="Leaf.MLNet" Version="0.1.0" />""", csproj);
        Assert.DoesNotContain("ProjectReference", csproj);
        Assert.Contains($"""<add key="leaf" value="{feed}" />""", File.ReadAllText(Path.Combine(project, "nuget.config")));

        var (missing, _, error) = CliBasicsTests.Run("mlnet", "wrap", "--model", onnx, "--out", Path.Combine(_dir, "x"), "--package-source", Path.Combine(_dir, "nofeed"));
        Assert.Equal(LeafCli.Failure, missing);
        Assert.Contains("package source folder not found", error);
    }

    [Fact]
    public void WrapRejectsAFrontendModel()
    {
        string frontend = Path.Combine(_dir, "frontend.onnx");
        Directory.CreateDirectory(_dir);
        Leaf.Onnx.FrontendExporter.ExportToFile(new Leaf.Frontends.FrontendDescription { FilterCount = 4 }, frontend);
        var (code, _, stderr) = CliBasicsTests.Run("mlnet", "wrap", "--model", frontend, "--out", Path.Combine(_dir, "x"));
        Assert.Equal(LeafCli.Failure, code);
        Assert.Contains("not a classifier", stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "x")));
    }

    [Fact]
    public void ABadNameFailsBeforeAnyWork()
    {
        var (code, _, stderr) = CliBasicsTests.Run("mlnet", "train", "--data", Path.Combine(_dir, "nowhere"), "--out", Path.Combine(_dir, "x"), "--name", "9lives");
        Assert.Equal(LeafCli.Failure, code);
        Assert.Contains("'9lives' is not a C# identifier", stderr);
    }

    // What the generated Program.cs prints for one file.
    private static string Line(string path, Prediction p) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}\t{p.PredictedLabel}\t{p.Score.Max():R}");

    private static Prediction PredictInProcess(string zip, string file)
    {
        var ml = new MLContext();
        ml.ComponentCatalog.RegisterAssembly(typeof(LeafCatalog).Assembly);
        var model = ml.Model.Load(zip, out _);
        try
        {
            using var engine = ml.Model.CreatePredictionEngine<ModelInput, Prediction>(model);
            return engine.Predict(new ModelInput { Path = file });
        }
        finally { (model as IDisposable)?.Dispose(); }
    }

    private string Tone(string relative, double hz, Random random, double seconds = 1)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WavWriter.Write(path, [.. Enumerable.Range(0, (int)(seconds * 16000)).Select(n => (float)(0.4 * Math.Sin(2 * Math.PI * hz * n / 16000) + 0.02 * (2 * random.NextDouble() - 1)))], 16000);
        return path;
    }

    private static (int Code, string Output) Dotnet(TimeSpan limit, params string[] args)
    {
        string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        return Leaf.Tests.ChildProcess.Run(limit, host, args);
    }
}
