using Leaf.Audio;
using Leaf.Datasets.Synthesis;
using Leaf.Tests;

namespace Leaf.Datasets.Tests;

/// <summary>
/// End to end: tiny keyword (espeak-ng) and instrument (fluidsynth) datasets are decodable 16 kHz clips of the right
/// length, bit-identical for the same seed, resumable, documented, and readable as a dataset.
/// The tools are installed on demand when the tests run as root (see <see cref="ToolInstaller"/>).
/// </summary>
public class SynthesisDatasetTests
{
    private delegate SynthesisResult Synthesizer(SynthesisOptions options, IProgress<(int Done, int Total)>? progress, CancellationToken cancellation);

    public static TheoryData<string> Tasks => [KeywordDataset.TaskName, InstrumentDataset.TaskName];

    private static (Synthesizer Run, string[] Classes) Task(string name) => name == KeywordDataset.TaskName
        ? (KeywordDataset.Synthesize, ["yes", "stop"])
        : (InstrumentDataset.Synthesize, ["bass", "flute"]);

    [Theory]
    [MemberData(nameof(Tasks))]
    public void TinyDatasetIsDecodableDeterministicAndResumable(string name)
    {
        (Synthesizer run, string[] classes) = Task(name);
        using var first = new DataTestFiles();
        using var second = new DataTestFiles();
        SynthesisOptions Options(string dir, int seed) => new() { OutputDirectory = dir, PerClass = 3, Seed = seed, Classes = classes };

        var reports = new List<(int Done, int Total)>();
        SynthesisResult result = run(Options(first.Root, 1), new SyncProgress(reports), default);

        Assert.Equal((6, 6, 0), (result.Total, result.Written, result.Existing));
        Assert.Equal((6, 6), reports[^1]);
        Assert.Equal(7, reports.Count); // (0, 6) then one report per file
        string[] wavs = [.. Directory.GetFiles(first.Root, "*.wav", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(first.Root, p)).Order(StringComparer.Ordinal)];
        Assert.Equal(classes.SelectMany(c => new[] { $"test/{c}/{c}_0002.wav", $"train/{c}/{c}_0000.wav", $"valid/{c}/{c}_0001.wav" }).Order(StringComparer.Ordinal), wavs);
        foreach (string wav in wavs)
        {
            string path = first.PathOf(wav);
            AudioInfo info = AudioFile.ReadInfo(path);
            Assert.Equal((16000, 1, 16000L), (info.SampleRate, info.Channels, info.Frames));
            float[] samples = AudioFile.Load(path).Samples;
            double peak = samples.Max(Math.Abs);
            Assert.InRange(peak, 0.29, 0.91); // the drawn peak level, 0.3 to 0.9
            (_, int active) = ActiveRegion.Find(samples, 0.1);
            Assert.True(active > 1600, $"{wav}: only {active} samples above −20 dB of the peak");
        }
        string readme = File.ReadAllText(first.PathOf("README.txt"));
        Assert.Contains("Seed:      1", readme, StringComparison.Ordinal);
        Assert.Contains("Per class: 3 (train 1, valid 1, test 1)", readme, StringComparison.Ordinal);
        Assert.Equal(7, File.ReadAllLines(first.PathOf("synthesis.csv")).Length);

        // Same seed: the same bytes. Another seed: different audio.
        run(Options(second.Root, 1), null, default);
        Assert.All(wavs, wav => Assert.Equal(File.ReadAllBytes(first.PathOf(wav)), File.ReadAllBytes(second.PathOf(wav))));
        Assert.Equal(File.ReadAllText(first.PathOf("synthesis.csv")), File.ReadAllText(second.PathOf("synthesis.csv")));
        using var third = new DataTestFiles();
        run(Options(third.Root, 2), null, default);
        Assert.NotEqual(File.ReadAllBytes(first.PathOf(wavs[0])), File.ReadAllBytes(third.PathOf(wavs[0])));

        // Resume: only the missing file is rendered, identical to the first time.
        byte[] original = File.ReadAllBytes(first.PathOf(wavs[2]));
        File.Delete(first.PathOf(wavs[2]));
        SynthesisResult resumed = run(Options(first.Root, 1), null, default);
        Assert.Equal((1, 5), (resumed.Written, resumed.Existing));
        Assert.Equal(original, File.ReadAllBytes(first.PathOf(wavs[2])));

        // The output is a dataset with the given split.
        AudioDataset dataset = AudioDataset.Load(first.Root);
        Assert.True(dataset.ExplicitSplit);
        Assert.Empty(dataset.Skipped);
        Assert.Equal(classes.Order(StringComparer.Ordinal), dataset.Labels);
        Assert.All(dataset.Summary().Classes, c => Assert.Equal((1, 1, 1), (c.Train, c.Valid, c.Test)));
    }

    [Fact]
    public void UnknownClassesAreRejected()
    {
        using var files = new DataTestFiles();
        var e = Assert.Throws<ArgumentException>(() => KeywordDataset.Synthesize(new SynthesisOptions { OutputDirectory = files.Root, Classes = ["maybe"] }));
        Assert.Contains("'maybe' is not a keywords class", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RecipesDependOnlyOnSeedLabelAndIndex()
    {
        var job = new SynthesisJob("go", DatasetSplit.Train, 4);
        KeywordRecipe Draw(int seed) => KeywordDataset.Draw(job, DeterministicRandom.For(seed, 4));
        Assert.Equal(Draw(1).ToString(), Draw(1).ToString());
        Assert.NotEqual(Draw(1).ToString(), Draw(2).ToString());
        KeywordRecipe recipe = Draw(1);
        Assert.Contains(recipe.Voice, KeywordDataset.Voices);
        Assert.Contains(recipe.Variant, KeywordDataset.Variants);
        Assert.InRange(recipe.Speed, 110, 220);

        InstrumentRecipe phrase = InstrumentDataset.Draw(new SynthesisJob("bass", DatasetSplit.Test, 0), new DeterministicRandom(3), 1.0);
        InstrumentFamily bass = InstrumentDataset.Families.Single(f => f.Name == "bass");
        Assert.Contains(phrase.Program, bass.Programs);
        Assert.All(phrase.Notes, n => Assert.InRange(n.Key, bass.LowestKey, bass.HighestKey));
        Assert.All(phrase.Notes, n => Assert.InRange(n.Start + n.Duration, 0, 1.0));
    }

    /// <summary>Records progress synchronously (Progress&lt;T&gt; would post to the thread pool and race the assertions).</summary>
    private sealed class SyncProgress(List<(int Done, int Total)> reports) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
