using System.Text.Json;
using Leaf.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Onnx.Tests;

/// <summary>Every exported model is valid ONNX (official checker, full check), loads in ONNX Runtime, and says what it is.</summary>
public sealed class ModelValidityTests
{
    [Fact]
    public void EveryExportPassesTheOnnxCheckerAndLoadsInOnnxRuntime()
    {
        using var folder = new TempFolder();
        var exports = ExportCases.All.Select(c => (Name: c.Key, Description: c.Value, Options: new FrontendExportOptions())).ToList();
        exports.Add(("leaf-fixed", ExportCases.All["leaf"], new FrontendExportOptions { FixedSamples = 16000 }));
        exports.Add(("tdfbanks-fixed", ExportCases.All["tdfbanks"], new FrontendExportOptions { FixedSamples = 401 }));
        exports.Add(("leaf-no-decay", ExportCases.All["leaf"] with { Parameters = WithSmoothing(ExportCases.All["leaf"], 0f) }, new FrontendExportOptions { MaxFrames = 1000 }));
        var infos = exports.ToDictionary(e => folder.File(e.Name + ".onnx"), e => FrontendExporter.ExportToFile(e.Description, folder.File(e.Name + ".onnx"), e.Options));

        foreach (var report in OnnxChecker.Check(infos.Keys.ToArray()))
        {
            Assert.True(report.Ok, $"{report.Path}: {report.Error}");
            var info = infos[report.Path];
            Assert.Equal(OnnxModelWriter.IrVersion, report.Ir);
            Assert.Equal(new Dictionary<string, long> { [""] = OnnxModelWriter.OpsetVersion }, report.Opsets);
            Assert.Equal(OnnxModelWriter.ProducerName, report.Producer);
            Assert.StartsWith($"LEAF for .NET '{info.Kind.ToName()}' frontend", report.Doc);
            Assert.Equal(info.ToMetadata().ToDictionary(), report.Metadata);
            string samples = info.FixedSamples?.ToString() ?? "samples", frames = info.FixedSamples is int n ? info.FrameCount(n).ToString() : "frames";
            Assert.Equal(["batch", samples], report.Inputs[FrontendExporter.InputName].Select(e => e.ToString()));
            Assert.Equal(["batch", frames, info.Channels.ToString()], report.Outputs[FrontendExporter.OutputName].Select(e => e.ToString()));
            Assert.All(report.Initializers, name => Assert.False(string.IsNullOrEmpty(name)));
            using var frontend = new OnnxFrontend(report.Path);
            Assert.Equal(info.Frontend.ToJson(), frontend.Info.Frontend.ToJson());
        }
    }

    [Fact]
    public void MetadataRoundTripsThroughFileAndOnnxRuntime()
    {
        using var folder = new TempFolder();
        var description = ExportCases.All["leaf-golden-perturbed"];
        string path = folder.File("nested/leaf.onnx");
        var written = FrontendExporter.ExportToFile(description, path);
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temporary file left behind

        var read = OnnxModelInfo.Read(path);
        Assert.Equal(description.ToJson(), read.Frontend.ToJson());
        Assert.Equal(written.ToMetadata().ToDictionary(), read.ToMetadata().ToDictionary());
        Assert.Equal(FrontendKind.Leaf, read.Kind);
        Assert.Equal(16000, read.SampleRate);
        Assert.Equal(1, read.FormatVersion);
        Assert.Null(read.FixedSamples);
        Assert.Null(read.Labels);
        // The golden sPCEN smoothing coefficients (≥ 0.02) decay below float32 within 13 doubling steps: any length is exact.
        Assert.Null(read.MaxFrames);

        using var session = new InferenceSession(path);
        Assert.Equal(read.ToMetadata().ToDictionary(), session.ModelMetadata.CustomMetadataMap);
        Assert.Equal(OnnxModelWriter.ProducerName, session.ModelMetadata.ProducerName);
    }

    [Fact]
    public void TheFastAlgorithmIsRecordedAndTheExactOneIsTheDefault()
    {
        var leaf = ExportCases.All["leaf"];
        var fast = OnnxModelInfo.FromBytes(FrontendExporter.Export(leaf, new FrontendExportOptions { LeafAlgorithm = LeafAlgorithm.Fast }));
        Assert.Equal(LeafAlgorithm.Fast, fast.LeafAlgorithm);
        Assert.Equal("fast", fast.ToMetadata().ToDictionary()[OnnxMetadataKeys.LeafAlgorithm]);
        // Exact exports carry no key (so they are byte-identical to those written before it existed), and read back as exact.
        var exact = OnnxModelInfo.FromBytes(FrontendExporter.Export(leaf));
        Assert.Equal(LeafAlgorithm.Exact, exact.LeafAlgorithm);
        Assert.DoesNotContain(OnnxMetadataKeys.LeafAlgorithm, exact.ToMetadata().ToDictionary().Keys);
        // Other kinds ignore the option.
        var mel = OnnxModelInfo.FromBytes(FrontendExporter.Export(ExportCases.All["mel"], new FrontendExportOptions { LeafAlgorithm = LeafAlgorithm.Fast }));
        Assert.Equal(LeafAlgorithm.Exact, mel.LeafAlgorithm);

        var metadata = fast.ToMetadata().ToDictionary();
        metadata[OnnxMetadataKeys.LeafAlgorithm] = "quick";
        Assert.Contains("'leaf.algorithm' is 'quick', not one of exact, fast", Assert.Throws<FormatException>(() => OnnxModelInfo.FromMetadata(metadata, "m.onnx")).Message);
    }

    [Fact]
    public void LabelsAreReadBackWhenPresent()
    {
        var info = new OnnxModelInfo { Frontend = ExportCases.All["mel"], Labels = ["dog", "cat \"quoted\"", "ünïcode"] };
        var read = OnnxModelInfo.FromMetadata(info.ToMetadata().ToDictionary());
        Assert.Equal(info.Labels, read.Labels);
    }

    [Fact]
    public void ForeignOrBrokenModelsAreRejectedClearly()
    {
        var notOnnx = Assert.Throws<FormatException>(() => OnnxModelInfo.FromBytes([0xff, 0xff, 0xff, 0xff, 0x0f], "junk.onnx"));
        Assert.Contains("junk.onnx: not an ONNX model", notOnnx.Message);

        var g = new OnnxGraphBuilder("plain");
        g.AddOutput(g.Identity(g.AddInput("x", OnnxDim.Fixed(1)), "y"), OnnxDim.Fixed(1));
        var foreign = Assert.Throws<FormatException>(() => OnnxModelInfo.FromBytes(OnnxModelWriter.ToBytes(g), "plain.onnx"));
        Assert.Contains("not a LEAF for .NET model (no 'leaf.format_version' metadata)", foreign.Message);
        Assert.Throws<FormatException>(() => new OnnxFrontend(OnnxModelWriter.ToBytes(g)));

        var metadata = new OnnxModelInfo { Frontend = ExportCases.All["mel"] }.ToMetadata().ToDictionary();
        metadata[OnnxMetadataKeys.Kind] = "leaf";
        var mismatch = Assert.Throws<FormatException>(() => OnnxModelInfo.FromMetadata(metadata, "m.onnx"));
        Assert.Contains("'leaf.kind' is 'leaf' but the frontend is 'mel'", mismatch.Message);
        metadata[OnnxMetadataKeys.Kind] = "mel";
        metadata[OnnxMetadataKeys.FormatVersion] = "2";
        Assert.Contains("metadata format 2 is not supported", Assert.Throws<FormatException>(() => OnnxModelInfo.FromMetadata(metadata)).Message);
    }

    [Fact]
    public void ExporterRejectsOptionsTheKindDoesNotHave()
    {
        var mel = FrontendDescription.Default(FrontendKind.Mel);
        Assert.Contains("has no pre-emphasis", Assert.Throws<ArgumentException>(() => FrontendExporter.Export(mel with { PreEmphasis = true })).Message);
        Assert.Contains("compresses with LayerNorm, not Pcen",
            Assert.Throws<ArgumentException>(() => FrontendExporter.Export(FrontendDescription.Default(FrontendKind.SincNet) with { Compression = CompressionKind.Pcen })).Message);
        Assert.Contains("FixedSamples must be at least 401",
            Assert.Throws<ArgumentOutOfRangeException>(() => FrontendExporter.Export(FrontendDescription.Default(FrontendKind.TdFilterbanks), new() { FixedSamples = 400 })).Message);
        Assert.Contains("at least as long as the stride",
            Assert.Throws<NotSupportedException>(() => FrontendExporter.Export(FrontendDescription.Default(FrontendKind.Leaf) with { WindowMs = 5 })).Message);
        Assert.Throws<FormatException>(() => FrontendExporter.Export(new FrontendDescription { FilterCount = 0 }));
    }

    private static SortedDictionary<string, ParameterTensor> WithSmoothing(FrontendDescription d, float s)
    {
        var p = new SortedDictionary<string, ParameterTensor>(d.Parameters, StringComparer.Ordinal)
        {
            [ParameterNames.PcenSmoothing] = ParameterTensor.Filled(d.FilterCount, s),
        };
        return p;
    }
}
