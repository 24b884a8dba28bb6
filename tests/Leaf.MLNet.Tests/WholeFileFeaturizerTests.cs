using Leaf.Frontends;
using Leaf.Onnx;
using Leaf.Tests;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.MLNet.Tests;

/// <summary>LeafFeaturize on whole files (a <see cref="ClipLength.Full"/> column) and on long fixed-length rows: the segmented frontend model against the offline one.</summary>
public sealed class WholeFileFeaturizerTests
{
    private const int Segment = 12_000; // small, so that a few seconds cross several segments (the fast LEAF needs 10 816)
    private static readonly MLContext Ml = new(seed: 1);

    /// <summary>Files of 0.3, 1.9 and 3.7 s: each row's features are the offline model's for that file, bit for bit for the exact LEAF.</summary>
    [Theory]
    [InlineData(FeatureLayout.Frames, LeafAlgorithm.Exact)]
    [InlineData(FeatureLayout.Frames, LeafAlgorithm.Fast)]
    [InlineData(FeatureLayout.MeanStd, LeafAlgorithm.Exact)]
    [InlineData(FeatureLayout.Max, LeafAlgorithm.Exact)]
    public void AFullLengthColumnIsFeaturizedAsTheOfflineModelFeaturizesEachFile(FeatureLayout layout, LeafAlgorithm algorithm)
    {
        using var temp = new TempAudio();
        string[] files = [temp.Tone("short", 440, 0.3, noise: 0.05, seed: 1), temp.Tone("mid", 1200, 1.9, noise: 0.1, seed: 2), temp.Tone("long", 300, 3.7, sampleRate: 22050, noise: 0.1, seed: 3)];
        var data = Ml.Data.LoadFromEnumerable(files.Select(p => new PathRow { Path = p }));
        var options = new LeafFeaturizeOptions { Layout = layout, LeafAlgorithm = algorithm, SegmentSamples = Segment };
        using var model = Ml.Transforms.LoadAudio("Waveform", "Path", ClassifierTests.FullLength)
            .Append(Ml.Transforms.LeafFeaturize("Features", "Waveform", options)).Fit(data);
        var transformed = model.Transform(data);
        Assert.Equal(layout switch { FeatureLayout.Frames => 0, FeatureLayout.MeanStd => 80, _ => 40 }, ((VectorDataViewType)transformed.Schema["Features"].Type).Size);
        float[][] waveforms = FeatureColumns.Read(transformed, "Waveform"), features = FeatureColumns.Read(transformed, "Features");

        using var offline = Offline(algorithm);
        for (int row = 0; row < files.Length; row++)
        {
            float[] frames = Flatten(offline.Featurize(waveforms[row]));
            Assert.Equal((waveforms[row].Length + 159) / 160 * 40, frames.Length);
            if (layout != FeatureLayout.Frames) Assert.InRange(Golden.MaxRelativeError(features[row], Pool(frames, 40, layout), floor: 1e-3), 0, 1e-5);
            else if (algorithm == LeafAlgorithm.Exact) Assert.Equal(frames, features[row]);
            else Assert.InRange(Golden.MaxRelativeError(features[row], frames, floor: 0.02), 0, 5e-5); // block GEMMs round with the block count
        }
    }

    /// <summary>A fixed length longer than one segment (3 s rows, segments of 12 000 samples) gives the offline features bit for bit.</summary>
    [Fact]
    public void ALongFixedLengthRowIsFeaturizedInSegmentsWithTheOfflineFeatures()
    {
        var random = new Random(4);
        var rows = Enumerable.Range(0, 2).Select(_ => new LongRow { Waveform = Enumerable.Range(0, LongRow.Length).Select(i => (float)(0.3 * Math.Sin(0.05 * i) + 0.1 * (random.NextDouble() - 0.5))).ToArray() }).ToArray();
        var data = Ml.Data.LoadFromEnumerable(rows);
        var estimator = Ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { InputLength = LongRow.Length, SegmentSamples = Segment });
        Assert.Equal(LongRow.Length / 160 * 40, estimator.OutputSize);
        using var model = estimator.Fit(data);
        float[][] features = FeatureColumns.Read(model.Transform(data), "Features");
        using var offline = Offline(LeafAlgorithm.Exact);
        for (int row = 0; row < rows.Length; row++) Assert.Equal(Flatten(offline.Featurize(rows[row].Waveform)), features[row]);
    }

    /// <summary>An undecodable file under <see cref="AudioErrorPolicy.Skip"/> is an empty row: one frame of the silent minimum, finite.</summary>
    [Fact]
    public void AnEmptyRowGivesFiniteFeatures()
    {
        using var temp = new TempAudio();
        string[] files = [temp.Corrupt("broken"), temp.Tone("ok", 440, 0.5, seed: 1)];
        var data = Ml.Data.LoadFromEnumerable(files.Select(p => new PathRow { Path = p }));
        using var model = Ml.Transforms.LoadAudio("Waveform", "Path", ClassifierTests.FullLength with { OnError = AudioErrorPolicy.Skip })
            .Append(Ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { SegmentSamples = Segment })).Fit(data);
        float[][] features = FeatureColumns.Read(model.Transform(data), "Features");
        using var offline = Offline(LeafAlgorithm.Exact);
        Assert.Equal(Flatten(offline.Featurize(new float[1])), features[0]);
        Assert.Equal(50 * 40, features[1].Length);
    }

    [Fact]
    public void ASegmentShorterThanTheFrontendsMinimumIsRefused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { SegmentSamples = 1000 }));
        Assert.Contains("at least 1121", e.Message, StringComparison.Ordinal);
    }

    private static OnnxFrontend Offline(LeafAlgorithm algorithm) =>
        new(FrontendExporter.Export(new FrontendDescription(), new FrontendExportOptions { LeafAlgorithm = algorithm }), new OnnxFrontendOptions { IntraOpThreads = 1, ChunkSamples = 0 });

    private static float[] Flatten(float[,] x) => x.Cast<float>().ToArray();

    // Mean, max or mean and population standard deviation over frames, in double.
    private static float[] Pool(float[] frames, int channels, FeatureLayout layout)
    {
        int count = frames.Length / channels;
        double[] Column(int c) => Enumerable.Range(0, count).Select(f => (double)frames[f * channels + c]).ToArray();
        var mean = Enumerable.Range(0, channels).Select(c => Column(c).Average()).ToArray();
        var std = Enumerable.Range(0, channels).Select(c => Math.Sqrt(Column(c).Select(v => (v - mean[c]) * (v - mean[c])).Average()));
        double[] result = layout switch
        {
            FeatureLayout.Mean => mean,
            FeatureLayout.Max => [.. Enumerable.Range(0, channels).Select(c => Column(c).Max())],
            _ => [.. mean, .. std],
        };
        return [.. result.Select(v => (float)v)];
    }

    /// <summary>A 3 s waveform at 16 kHz.</summary>
    public sealed class LongRow
    {
        public const int Length = 48_000;

        [VectorType(Length)] public float[] Waveform { get; set; } = [];
    }
}
