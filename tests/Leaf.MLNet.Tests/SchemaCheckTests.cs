using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.MLNet.Tests;

/// <summary>
/// The estimators check their input column in <c>GetOutputSchema</c>, as ML.NET's own do, so a chain fails at its schema
/// propagation, before any step has decoded a file; the message names the transform and the column.
/// </summary>
public sealed class SchemaCheckTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private sealed class NumberRow
    {
        public float Path { get; set; }
    }

    // Paths that do not exist: had a chain started fitting, LoadAudio would have failed on the first one.
    private static IDataView MissingFiles() =>
        Ml.Data.LoadFromEnumerable([new PathRow { Path = "/nonexistent/a.wav", Label = "a" }, new PathRow { Path = "/nonexistent/b.wav", Label = "b" }]);

    private static ArgumentOutOfRangeException Fails(Action fit)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(fit);
        Assert.Equal("inputSchema", e.ParamName);
        return e;
    }

    [Fact]
    public void LoadAudioWantsATextColumn()
    {
        var e = Fails(() => Ml.Transforms.LoadAudio("Waveform", "Path").Fit(Ml.Data.LoadFromEnumerable([new NumberRow()])));
        Assert.StartsWith("LoadAudio: schema mismatch for input column 'Path': expected String, got Single", e.Message);
        Assert.StartsWith("LoadAudio: could not find input column 'File'", Fails(() => Ml.Transforms.LoadAudio("Waveform", "File").Fit(MissingFiles())).Message);
    }

    /// <summary>A variable-length waveform (whole files) fits, without decoding a file, to variable-length frames or the pooled layout's fixed size.</summary>
    [Theory]
    [InlineData(FeatureLayout.Frames, 0)]
    [InlineData(FeatureLayout.MeanStd, 80)]
    public void AVariableLengthWaveformInFrontOfLeafFeaturizeIsAccepted(FeatureLayout layout, int size)
    {
        var pipeline = Ml.Transforms.LoadAudio("Waveform", "Path", new LoadAudioOptions { Length = ClipLength.Full })
            .Append(Ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { Layout = layout }));
        using var model = pipeline.Fit(MissingFiles());
        var type = Assert.IsType<VectorDataViewType>(model.GetOutputSchema(MissingFiles().Schema)["Features"].Type);
        Assert.Equal((size, NumberDataViewType.Single), (type.Size, type.ItemType));
    }

    [Fact]
    public void AWaveformOfAnotherFixedLengthNamesClipLengthFullInItsHint()
    {
        var pipeline = Ml.Transforms.LoadAudio("Waveform", "Path", new LoadAudioOptions { Length = ClipLength.TwoSeconds })
            .Append(Ml.Transforms.LeafFeaturize("Features", "Waveform"));
        var e = Fails(() => pipeline.Fit(Ml.Data.LoadFromEnumerable(Array.Empty<PathRow>())));
        Assert.StartsWith("LeafFeaturize: schema mismatch for input column 'Waveform': expected Vector<Single, 16000> or VarVector<Single>, got Vector<Single, 32000>", e.Message);
        Assert.Contains("or use ClipLength.Full for rows of any length", e.Message);
    }

    [Fact]
    public void AMisspelledColumnFailsInTheChainBeforeAnyFileIsDecoded()
    {
        var pipeline = Ml.Transforms.LoadAudio("Waveform", "Path")
            .Append(Ml.Transforms.LeafFeaturize("Features", "Wavefrom"))
            .AppendCacheCheckpoint(Ml)
            .Append(Ml.Transforms.Conversion.MapValueToKey("Label"))
            .Append(Ml.MulticlassClassification.Trainers.SdcaMaximumEntropy());
        Assert.StartsWith("LeafFeaturize: could not find input column 'Wavefrom'", Fails(() => pipeline.Fit(MissingFiles())).Message);
    }

    [Fact]
    public void ApplyLeafClassifierWantsAFloatVector()
    {
        using var temp = new TempAudio();
        string model = TinyClassifier.Write(Path.Combine(temp.Folder, "model.onnx"));
        var estimator = Ml.Transforms.ApplyLeafClassifier("Path", model);
        var e = Fails(() => estimator.Fit(MissingFiles()));
        Assert.StartsWith("ApplyLeafClassifier: schema mismatch for input column 'Path': expected Vector<Single, 16000> or VarVector<Single>, got String", e.Message);
        Assert.StartsWith("ApplyLeafClassifier: could not find input column 'Sound'",
            Fails(() => Ml.Transforms.LoadAudio("Waveform", "Path").Append(Ml.Transforms.ApplyLeafClassifier("Sound", model)).Fit(MissingFiles())).Message);
    }
}
