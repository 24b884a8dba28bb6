using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Leaf.Audio;
using Leaf.Datasets;
using Leaf.Datasets.Synthesis;
using Leaf.MLNet;
using Leaf.Onnx.Classifiers;
using Leaf.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.Cli.Tests;

/// <summary>
/// Every trained model in models/&lt;name&gt;/ (made by scripts/train-models and scripts/train-general) loads in ONNX Runtime
/// and in ML.NET and reproduces the test accuracy it records, on a regenerated copy of its test split: the files listed
/// in its test-files.sha256 are synthesised again with the script's seed (the synthesiser draws each file from its own
/// stream, seeded by (seed, task, label, index), so the test split can be made without the training files) and must be
/// the same bytes, then scored by <c>leaf eval</c>. The record is report.json, or crosscheck.json for a model trained on
/// audio the repository cannot regenerate (models/general: the development benchmark; its cross-check is on synthesised
/// keywords).
/// </summary>
public sealed class ShippedTrainedModelsTests(ShippedTrainedModelsTests.TestSplits splits) : IClassFixture<ShippedTrainedModelsTests.TestSplits>
{
    /// <summary>The seed scripts/train-models synthesises with.</summary>
    private const int Seed = 0;

    /// <summary>ONNX Runtime (float32, frontend in the graph) and TorchSharp may disagree on a file whose top two classes are within rounding.</summary>
    private const int ToleranceFiles = 1;

    private static readonly string[] Names = ["general", "instruments", "keywords", "multitask"];

    public static TheoryData<string> Models => [.. Names];

    [Fact]
    public void EveryShippedTrainedModelIsCheckedAndComplete()
    {
        string[] shipped = [.. Directory.GetDirectories(Repository.Path("models")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];
        Assert.Equal(Names, shipped);
        foreach (string name in shipped)
            foreach (string file in new[] { "model.onnx", "frontend.json", "classifier.json", "report.json", "metrics.csv", "MODEL_CARD.md", "test-files.sha256", "plots/curves.png", "plots/filters.png", "plots/responses.png" }
                .Concat(name == "general" ? ["frontend.onnx", "crosscheck.json"] : []))
                Assert.True(File.Exists(Repository.Path("models", name, file)), $"models/{name}/{file} is missing: run scripts/train-models");

        // models/README.md's row of each model quotes the accuracies of its report.json (typed there by hand: they must not go stale)
        string[] readme = File.ReadAllLines(Repository.Path("models", "README.md"));
        foreach (string name in shipped)
        {
            string row = Assert.Single(readme, l => l.StartsWith($"| `{name}/` |", StringComparison.Ordinal));
            var report = Report(name);
            foreach (var task in report.GetProperty("tasks").EnumerateArray())
            {
                string accuracy = (100 * task.GetProperty("test_accuracy").GetDouble()).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(row.Contains($"**{accuracy} %**", StringComparison.Ordinal), $"models/README.md: the row of {name} does not give its {task.GetProperty("name").GetString()} test accuracy {accuracy} %");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void LeafEvalReproducesTheRecordedTestAccuracy(string name)
    {
        string model = Repository.Path("models", name, "model.onnx");
        bool multiTask = Report(name).GetProperty("tasks").GetArrayLength() > 1;
        foreach (var task in Recorded(name).GetProperty("tasks").EnumerateArray())
        {
            string taskName = task.GetProperty("name").GetString()!;
            string data = splits.Get(name, taskName);
            string[] args = multiTask ? ["--task", taskName] : [];
            var (code, json, err) = CliBasicsTests.Run(["eval", "--model", model, "--data", data, "--json", .. args]);
            Assert.True(code == 0, err);
            var eval = JsonDocument.Parse(json).RootElement;
            Assert.Equal("test", eval.GetProperty("split").GetString());

            int[][] recorded = Matrix(task.GetProperty("confusion"));
            int files = recorded.Sum(r => r.Sum());
            Assert.Equal(files, eval.GetProperty("files").GetInt32());
            int recordedRight = Enumerable.Range(0, recorded.Length).Sum(c => recorded[c][c]);
            Assert.Equal(task.GetProperty("test_accuracy").GetDouble(), recordedRight / (double)files, 12);
            int right = (int)Math.Round(eval.GetProperty("accuracy").GetDouble() * files);
            Assert.True(Math.Abs(right - recordedRight) <= ToleranceFiles,
                $"{name}/{taskName}: leaf eval gets {right}/{files} test files right, report.json records {recordedRight}/{files}");
            Assert.Equal(task.GetProperty("labels").EnumerateArray().Select(l => l.GetString()), eval.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void OnnxRuntimeAndMlNetGiveTheSamePredictions(string name)
    {
        string model = Repository.Path("models", name, "model.onnx");
        var report = Report(name);
        using var onnx = new OnnxClassifier(model);
        var tasks = report.GetProperty("tasks").EnumerateArray().ToArray();
        Assert.Equal(tasks.Select(t => t.GetProperty("name").GetString()), onnx.Info.Tasks.Select(t => t.Name));
        Assert.Equal(16000, onnx.Info.ClipSamples);

        var ml = new MLContext(seed: 1);
        foreach (var recorded in Recorded(name).GetProperty("tasks").EnumerateArray())
        {
            int head = Array.FindIndex(tasks, t => t.GetProperty("name").GetString() == recorded.GetProperty("name").GetString());
            string[] labels = [.. tasks[head].GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)];
            Assert.Equal(labels, onnx.Info.Tasks[head].Labels);
            string data = splits.Get(name, onnx.Info.Tasks[head].Name);
            string[] paths = [.. Directory.GetFiles(data, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

            // The clips are exactly 1 s: one window each, loudness-normalised (by the classifier here, by LoadAudio in ML.NET) as in training.
            var scores = onnx.Score([.. paths.Select(p => AudioFile.Load(p, new AudioLoadOptions { SampleRate = 16000 }).Samples)]);
            string[] fromOnnx = [.. scores.Select(s => labels[s.Tasks[head].TopIndex])];

            var rows = ml.Data.LoadFromEnumerable(paths.Select(p => new AudioRow { Path = p }));
            var options = new ApplyLeafClassifierOptions { Task = tasks.Length > 1 ? onnx.Info.Tasks[head].Name : null };
            using var fitted = ml.Transforms.LoadAudio("Waveform", nameof(AudioRow.Path), new LoadAudioOptions { NormalizeLoudness = true })
                .Append(ml.Transforms.ApplyLeafClassifier("Waveform", model, options)).Fit(rows);
            string[] fromMlNet = [.. fitted.Transform(rows).GetColumn<string>("PredictedLabel")];

            Assert.Equal(fromOnnx, fromMlNet);
            int right = paths.Zip(fromOnnx).Count(p => Path.GetFileName(Path.GetDirectoryName(p.First)) == p.Second);
            Assert.True(right > 2 * paths.Length / labels.Length, $"{name}: {right}/{paths.Length} right is not far above chance");
        }
    }

    private static JsonElement Report(string name) => JsonDocument.Parse(File.ReadAllText(Repository.Path("models", name, "report.json"))).RootElement;

    /// <summary>The results the tests reproduce: crosscheck.json where the model has one (its report.json is on audio not in the repository), else report.json.</summary>
    private static JsonElement Recorded(string name) =>
        File.Exists(Repository.Path("models", name, "crosscheck.json"))
            ? JsonDocument.Parse(File.ReadAllText(Repository.Path("models", name, "crosscheck.json"))).RootElement
            : Report(name);

    private static int[][] Matrix(JsonElement rows) =>
        [.. rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray())];

    /// <summary>A row of file paths for ML.NET.</summary>
    public sealed class AudioRow
    {
        /// <summary>Audio file.</summary>
        public string Path { get; set; } = "";
    }

    /// <summary>
    /// The regenerated test splits, made once per (dataset, file list) and shared by the tests: a folder
    /// <c>test/&lt;label&gt;/&lt;label&gt;_NNNN.wav</c> per model and task with exactly the files of its test-files.sha256.
    /// </summary>
    public sealed class TestSplits : IDisposable
    {
        private readonly string root = Directory.CreateTempSubdirectory("leaf-shipped-").FullName;
        private readonly ConcurrentDictionary<string, Lazy<string>> made = new();

        /// <summary>The folder holding the regenerated test split of <paramref name="task"/> for model <paramref name="name"/>.</summary>
        public string Get(string name, string task)
        {
            var listing = File.ReadAllLines(Repository.Path("models", name, "test-files.sha256"))
                .Where(l => l.Length > 0).Select(l => l.Split("  ", 2)).Where(p => p[1].StartsWith(task + "/", StringComparison.Ordinal))
                .Select(p => (Hash: p[0], Path: p[1])).Order().ToArray();
            Assert.NotEmpty(listing);
            string key = string.Join('\n', listing.Select(f => $"{f.Hash} {f.Path}"));
            return made.GetOrAdd(key, _ => new Lazy<string>(() => Make(task, listing))).Value;
        }

        private string Make(string task, (string Hash, string Path)[] listing)
        {
            string folder = Path.Combine(root, $"{task}-{made.Count}");
            var options = new SynthesisOptions { OutputDirectory = folder, Seed = Seed };
            Parallel.ForEach(listing, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
            {
                // keywords/test/go/go_0051.wav → the job (go, test, 51), drawn from the stream the synthesiser uses for it
                string[] parts = file.Path.Split('/');
                Assert.Equal("test", parts[1]);
                var job = new SynthesisJob(parts[2], DatasetSplit.Test, int.Parse(Path.GetFileNameWithoutExtension(parts[3]).Split('_')[^1], System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(string.Join('/', parts[1..]), job.RelativePath);
                var random = DeterministicRandom.For(Seed, DeterministicRandom.KeyOf(task), DeterministicRandom.KeyOf(job.Label), job.Index);
                float[] samples = task switch
                {
                    KeywordDataset.TaskName => KeywordDataset.Render(KeywordDataset.Draw(job, random), options),
                    InstrumentDataset.TaskName => InstrumentDataset.Render(InstrumentDataset.Draw(job, random, options.ClipSeconds), options),
                    _ => throw new InvalidDataException($"test-files.sha256: unknown synthetic task '{task}'"),
                };
                string path = Path.Combine(folder, job.RelativePath);
                WavWriter.Write(path, samples, options.SampleRate);
                string hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
                Assert.True(hash == file.Hash, $"{file.Path}: the regenerated file differs from the one the model was tested on (another espeak-ng/fluidsynth version?)");
            });
            return folder;
        }

        /// <summary>Deletes the regenerated files.</summary>
        public void Dispose() => Directory.Delete(root, recursive: true);
    }
}
