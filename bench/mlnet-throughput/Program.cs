// Usage: dotnet run -c Release --project bench/mlnet-throughput -- DATASET_DIR [ROWS] [exact|fast]
// Decodes and featurizes ROWS files (the dataset's WAV files, repeated if there are fewer) with batch Transform:
// LoadAudio (1 s, loudness) → LeafFeaturize (default LEAF, mean+std, the given LEAF algorithm), and prints files/s.
using System.Diagnostics;
using Leaf.Frontends;
using Leaf.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;

string folder = args.Length > 0 ? args[0] : throw new ArgumentException("usage: DATASET_DIR [ROWS]");
int rows = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
var algorithm = args.Length > 2 ? LeafAlgorithmNames.Parse(args[2]) : LeafAlgorithm.Exact;
string[] wavs = Directory.GetFiles(folder, "*.wav", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
var paths = Enumerable.Range(0, rows).Select(i => new PathRow { Path = wavs[i % wavs.Length] }).ToArray();

var ml = new MLContext(seed: 1);
var data = ml.Data.LoadFromEnumerable(paths);
using var model = ml.Transforms.LoadAudio("Waveform", "Path", new LoadAudioOptions { NormalizeLoudness = true })
    .Append(ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { Layout = FeatureLayout.MeanStd, LeafAlgorithm = algorithm }))
    .Fit(data);
var clock = Stopwatch.StartNew();
int count = model.Transform(data).GetColumn<VBuffer<float>>("Features").Count();
clock.Stop();
Console.WriteLine($"{algorithm.ToName()} LEAF: {count} files in {clock.Elapsed.TotalSeconds:F1} s: {count / clock.Elapsed.TotalSeconds:F1} files/s ({Environment.ProcessorCount} cores)");

/// <summary>One audio file path.</summary>
internal sealed class PathRow
{
    public string Path { get; set; } = "";
}
