using Leaf.Audio;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.MLNet.Tests;

/// <summary>LoadAudio: decoding, length policy, error policy.</summary>
public sealed class LoadAudioTests
{
    private static readonly MLContext Ml = new(seed: 1);

    private static IDataView Paths(params string[] paths) => Ml.Data.LoadFromEnumerable(paths.Select(p => new PathRow { Path = p }));

    [Fact]
    public void FixedLengthGivesAKnownSizeAndEqualsAudioFileWithCentreCropOrPad()
    {
        using var temp = new TempAudio();
        string shortFile = temp.Tone("short", 440, 0.5, sampleRate: 22050);
        string longFile = temp.Tone("long", 440, 1.5);
        var data = Paths(shortFile, longFile);
        var transformed = Ml.Transforms.LoadAudio("Waveform", "Path").Fit(data).Transform(data);

        var type = Assert.IsType<VectorDataViewType>(transformed.Schema["Waveform"].Type);
        Assert.Equal(16000, type.Size);
        Assert.Null(transformed.Schema.GetColumnOrNull(LeafCatalog.DecodeErrorColumnName("Waveform")));
        float[][] rows = FeatureColumns.Read(transformed, "Waveform");
        var options = new AudioLoadOptions { CropOrPad = new CropOrPadOptions(16000, CropMode.Center) };
        Assert.Equal(AudioFile.Load(shortFile, options).Samples, rows[0]);
        Assert.Equal(AudioFile.Load(longFile, options).Samples, rows[1]);
        Assert.All(rows[0][8100..], v => Assert.Equal(0f, v)); // 0.5 s resampled to 8000 samples, then zero padding
    }

    [Fact]
    public void NormalizeLoudnessAppliesThePapersGainToEachCroppedClip()
    {
        using var temp = new TempAudio();
        string quiet = temp.Tone("quiet", 440, 1.5, amplitude: 0.01, noise: 0.001), silent = temp.Tone("silent", 440, 0.5, amplitude: 0);
        var data = Paths(quiet, silent);
        float[][] rows = FeatureColumns.Read(Ml.Transforms.LoadAudio("Waveform", "Path", new LoadAudioOptions { NormalizeLoudness = true }).Fit(data).Transform(data), "Waveform");

        float[] cropped = AudioFile.Load(quiet, new AudioLoadOptions { CropOrPad = new CropOrPadOptions(16000, CropMode.Center) }).Samples;
        // gain = min(10^(30/20), 10^(15/20) / (std + 1e-9)): std ≈ 0.0071 gives 10^(15/20)/std ≈ 790 > 31.6, so the cap applies.
        double gain = Math.Min(Math.Pow(10, 1.5), Math.Pow(10, 0.75) / (LoudnessNormalization.StandardDeviation(cropped) + 1e-9));
        Assert.Equal(Math.Pow(10, 1.5), gain, 6);
        Assert.Equal(cropped.Select(v => (float)(v * gain)), rows[0], (a, b) => Math.Abs(a - b) <= 1e-6f * Math.Max(1, Math.Abs(a)));
        Assert.All(rows[1], v => Assert.Equal(0f, v)); // silence stays silence
    }

    [Fact]
    public void FullLengthKeepsEveryClipWhole()
    {
        using var temp = new TempAudio();
        var data = Paths(temp.Tone("a", 300, 0.25), temp.Tone("b", 300, 0.75));
        var transformed = Ml.Transforms.LoadAudio("Waveform", "Path", new LoadAudioOptions { Length = ClipLength.Full }).Fit(data).Transform(data);
        Assert.Equal(0, Assert.IsType<VectorDataViewType>(transformed.Schema["Waveform"].Type).Size);
        Assert.Equal([4000, 12000], FeatureColumns.Read(transformed, "Waveform").Select(r => r.Length));
    }

    [Fact]
    public void ThrowPolicyNamesTheCorruptFileInTheMiddleOfABatch()
    {
        using var temp = new TempAudio();
        string bad = temp.Corrupt("broken");
        var data = Paths(temp.Tone("a", 300, 1), bad, temp.Tone("b", 500, 1));
        using var model = Ml.Transforms.LoadAudio("Waveform", "Path").Fit(data);
        var e = Assert.ThrowsAny<Exception>(() => FeatureColumns.Read(model.Transform(data), "Waveform"));
        Assert.Contains(bad, AllMessages(e));

        using var engine = Ml.Model.CreatePredictionEngine<PathRow, WaveformRow>(model);
        var single = Assert.Throws<InvalidDataException>(() => engine.Predict(new PathRow { Path = bad }));
        Assert.Contains(bad, single.Message);
    }

    [Fact]
    public void SkipPolicyGivesZerosAndTheErrorAndGoesOn()
    {
        using var temp = new TempAudio();
        string bad = temp.Corrupt("broken");
        string missing = Path.Combine(temp.Folder, "missing.wav");
        var data = Paths(temp.Tone("a", 300, 1), bad, missing, temp.Tone("b", 500, 1));
        var transformed = Ml.Transforms.LoadAudio("Waveform", "Path", new LoadAudioOptions { OnError = AudioErrorPolicy.Skip }).Fit(data).Transform(data);

        float[][] rows = FeatureColumns.Read(transformed, "Waveform");
        string[] errors = transformed.GetColumn<string>(LeafCatalog.DecodeErrorColumnName("Waveform")).ToArray();
        Assert.Equal(4, rows.Length);
        Assert.Equal("", errors[0]);
        Assert.Contains(bad, errors[1]);
        Assert.Contains(missing, errors[2]);
        Assert.Equal("", errors[3]);
        Assert.All(rows[1].Concat(rows[2]), v => Assert.Equal(0f, v));
        Assert.True(rows[0].Max() > 0.4f && rows[3].Max() > 0.4f);
    }

    [Fact]
    public void ReservedColumnNamesAreRejected() =>
        Assert.Throws<ArgumentException>(() => Ml.Transforms.LoadAudio("LeafWaveform", "Path"));

    private static string AllMessages(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + AllMessages(e.InnerException);
}
