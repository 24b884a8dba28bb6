using System.Text.Json.Nodes;
using Google.Protobuf;
using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Onnx.Classifiers;
using Leaf.Onnx.Proto;

namespace Leaf.Onnx.Tests;

/// <summary>
/// Models a user may be handed: every reader of a classifier checks its metadata against its graph when it opens it,
/// and a model ONNX Runtime refuses (not ONNX, truncated, external data outside its folder) is one error naming the file.
/// </summary>
public sealed class UntrustedModelTests : IDisposable
{
    private const int Clip = 8000;
    private readonly TempFolder folder = new();
    private static readonly Lazy<byte[]> Model = new(() =>
    {
        using var model = ClassifierFixtures.Create(EncoderKind.CompactCnn, FrontendKind.Mel, [ClassifierFixtures.Scenes], seed: 3);
        return ClassifierExporter.Export(model.ToDescription(), new ClassifierExportOptions { ClipSamples = Clip });
    });

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void LabelsThatDoNotMatchTheOutputsAreRefusedByEveryReader(int labels)
    {
        string path = Write("tampered.onnx", Edit(Model.Value, m => SetMetadata(m, OnnxMetadataKeys.Labels,
            System.Text.Json.JsonSerializer.Serialize(Enumerable.Range(0, labels).Select(i => $"l{i}")))));
        string expected = $"{path}: task 'scenes' has {labels} labels in its metadata but output 'logits' has 3 classes";
        Assert.Equal(expected, Assert.Throws<FormatException>(() => new OnnxClassifier(path)).Message);
        Assert.Equal(expected, Assert.Throws<FormatException>(() => ClassifierWindowing.Wrap(File.ReadAllBytes(path), null, path)).Message);
    }

    [Fact]
    public void AClipLengthOrRateOutOfBoundsIsRefusedNamingTheFile()
    {
        string huge = Write("huge.onnx", Edit(Model.Value, m => SetMetadata(m, ClassifierMetadataKeys.ClipSamples, "2000000000")));
        Assert.Equal($"{huge}: 'leaf.clip_samples' is 2000000000, more than 9600000 (600 s at 16000 Hz)",
            Assert.Throws<FormatException>(() => new OnnxClassifier(huge)).Message);
        foreach (int rate in new[] { 1, 2_000_000 })
        {
            string path = Write($"{rate}hz.onnx", Edit(Model.Value, m =>
            {
                var frontend = JsonNode.Parse(m.MetadataProps.Single(p => p.Key == OnnxMetadataKeys.Frontend).Value)!;
                frontend["sampleRate"] = rate;
                SetMetadata(m, OnnxMetadataKeys.Frontend, frontend.ToJsonString());
                SetMetadata(m, OnnxMetadataKeys.SampleRate, rate.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }));
            string message = Assert.Throws<FormatException>(() => new OnnxClassifier(path)).Message;
            Assert.StartsWith($"{path} (leaf.frontend): ", message); // the frontend description's own checks
            if (rate > 1) Assert.Contains($"sampleRate {rate} is outside 1000..384000 Hz", message);
        }
    }

    [Fact]
    public void TextAndTruncatedModelsAreOneErrorNamingTheFile()
    {
        string text = folder.File("text.onnx");
        File.WriteAllText(text, "this is not a model\n");
        string truncated = Write("truncated.onnx", Model.Value[..(Model.Value.Length / 2)]);
        foreach (string path in new[] { text, truncated })
        {
            var e = Assert.Throws<FormatException>(() => new OnnxClassifier(path));
            Assert.StartsWith($"{path}: not an ONNX model ONNX Runtime can load", e.Message);
            Assert.DoesNotContain('\n', e.Message);
        }
    }

    [Fact]
    public async Task ExternalDataOutsideTheModelFolderIsRefusedAndNeverRead()
    {
        // The largest initializer's bytes go to a file; inside the model's folder it loads (the control), outside it is refused.
        var model = ModelProto.Parser.ParseFrom(Model.Value);
        var tensor = model.Graph.Initializer.OrderByDescending(t => t.RawData.Length).First();
        byte[] data = tensor.RawData.ToByteArray();
        Directory.CreateDirectory(folder.File("model"));
        File.WriteAllBytes(folder.File("model/weights.bin"), data);
        using (var inside = new OnnxClassifier(Write("model/inside.onnx", External(model, tensor.Name, "weights.bin", data.Length))))
            Assert.Equal(3, inside.Info.Tasks[0].Labels.Length);

        // Outside: a FIFO, so that a reader that opened it would hang; refused at once instead.
        Tools("mkfifo", folder.File("outside.bin"));
        string path = Write("model/outside.onnx", External(model, tensor.Name, "../outside.bin", data.Length));
        var open = Task.Run(() => new OnnxClassifier(path));
        var e = await Assert.ThrowsAsync<FormatException>(() => open.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith($"{path}: not an ONNX model ONNX Runtime can load", e.Message);
        var absolute = Task.Run(() => new OnnxClassifier(Write("model/absolute.onnx", External(model, tensor.Name, folder.File("outside.bin"), data.Length))));
        await Assert.ThrowsAsync<FormatException>(() => absolute.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    private string Write(string name, byte[] bytes)
    {
        string path = folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Edit(byte[] bytes, Action<ModelProto> edit)
    {
        var model = ModelProto.Parser.ParseFrom(bytes);
        edit(model);
        return model.ToByteArray();
    }

    private static void SetMetadata(ModelProto model, string key, string value) =>
        model.MetadataProps.Single(p => p.Key == key).Value = value;

    // The model with initializer `name` stored in `location` (external data) instead of inline.
    private static byte[] External(ModelProto original, string name, string location, int length)
    {
        var model = original.Clone();
        var tensor = model.Graph.Initializer.Single(t => t.Name == name);
        tensor.RawData = ByteString.Empty;
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return model.ToByteArray();
    }

    private static void Tools(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(program, arguments);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
