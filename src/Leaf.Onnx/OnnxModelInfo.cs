using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Leaf.Frontends;
using Leaf.Onnx.Proto;

namespace Leaf.Onnx;

/// <summary>What a LEAF for .NET ONNX model says about itself in its <c>metadata_props</c> (see <see cref="OnnxMetadataKeys"/>).</summary>
public sealed record OnnxModelInfo
{
    /// <summary>The metadata layout written by this version.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The frontend, with every parameter value.</summary>
    public required FrontendDescription Frontend { get; init; }

    /// <summary>Version of the metadata layout.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Longest input in frames the graph is exact for (sPCEN's doubling steps), or null for any length.</summary>
    public int? MaxFrames { get; init; }

    /// <summary>The fixed input length in samples, or null when the model takes any length.</summary>
    public int? FixedSamples { get; init; }

    /// <summary>Class labels (classifier models), or null.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>How the graph computes LEAF's pooled energies (<see cref="LeafAlgorithm.Exact"/> for the other kinds).</summary>
    public LeafAlgorithm LeafAlgorithm { get; init; } = LeafAlgorithm.Exact;

    /// <summary>The frontend kind.</summary>
    public FrontendKind Kind => Frontend.Kind;

    /// <summary>Input sample rate in Hz.</summary>
    public int SampleRate => Frontend.SampleRate;

    /// <summary>Feature channels N (the last output axis).</summary>
    public int Channels => Frontend.FilterCount;

    /// <summary>Shortest accepted input: the window length for TD-filterbanks (VALID pooling), otherwise 1 sample.</summary>
    public int MinimumSamples => Kind == FrontendKind.TdFilterbanks ? Frontend.WindowLength : 1;

    /// <summary>Output frames for an input of <paramref name="samples"/> samples: ⌈T/S⌉, or ⌊(T − K)/S⌋ + 1 for TD-filterbanks.</summary>
    public int FrameCount(int samples) => Kind == FrontendKind.TdFilterbanks
        ? FrameMath.ValidOutputLength(samples, Frontend.WindowLength, Frontend.Stride)
        : FrameMath.SameOutputLength(samples, Frontend.Stride);

    /// <summary>Checks that the model can featurize an input of <paramref name="samples"/> samples.</summary>
    /// <exception cref="ArgumentException">Too short, too long for the exported sPCEN, or not the fixed length.</exception>
    public void RequireValidLength(int samples)
    {
        string kind = Kind.ToName();
        if (samples < MinimumSamples)
            throw new ArgumentException($"the {kind} model needs at least {MinimumSamples} sample(s) per waveform, got {samples}");
        if (FixedSamples is int fixedSamples && samples != fixedSamples)
            throw new ArgumentException($"the {kind} model was exported for waveforms of exactly {fixedSamples} samples, got {samples}");
        if (MaxFrames is int maxFrames && FrameCount(samples) > maxFrames)
            throw new ArgumentException(
                $"the {kind} model's sPCEN is exact for at most {maxFrames} frames ({(long)maxFrames * Frontend.Stride} samples), got {samples} samples; re-export with a larger MaxFrames");
    }

    /// <summary>Reads the metadata of the ONNX model at <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">The file is not an ONNX model written by LEAF for .NET, or its metadata is invalid.</exception>
    public static OnnxModelInfo Read(string path)
    {
        Leaf.Audio.RegularFile.Require(path);
        using var stream = File.OpenRead(path);
        return FromModel(Parse(stream, path), path);
    }

    /// <summary>Reads the metadata of an ONNX model held in memory.</summary>
    /// <exception cref="FormatException">The bytes are not an ONNX model written by LEAF for .NET, or its metadata is invalid.</exception>
    public static OnnxModelInfo FromBytes(byte[] model, string source = "ONNX model")
    {
        using var stream = new MemoryStream(model, writable: false);
        return FromModel(Parse(stream, source), source);
    }

    /// <summary>Interprets <c>metadata_props</c> (e.g. ONNX Runtime's <c>CustomMetadataMap</c>).</summary>
    /// <exception cref="FormatException">A key is missing or a value is invalid; the message names it.</exception>
    public static OnnxModelInfo FromMetadata(IReadOnlyDictionary<string, string> metadata, string source = "ONNX model")
    {
        string Required(string key) => metadata.TryGetValue(key, out var v)
            ? v
            : throw new FormatException($"{source}: not a LEAF for .NET model (no '{key}' metadata)");
        int? OptionalInt(string key) => metadata.TryGetValue(key, out var v) ? ParseInt(v, key, source) : null;

        int format = ParseInt(Required(OnnxMetadataKeys.FormatVersion), OnnxMetadataKeys.FormatVersion, source);
        if (format != CurrentFormatVersion)
            throw new FormatException($"{source}: metadata format {format} is not supported (this version reads {CurrentFormatVersion})");
        var frontend = FrontendDescription.FromJson(Required(OnnxMetadataKeys.Frontend), $"{source} ({OnnxMetadataKeys.Frontend})");
        if (Required(OnnxMetadataKeys.Kind) != frontend.Kind.ToName())
            throw new FormatException($"{source}: '{OnnxMetadataKeys.Kind}' is '{metadata[OnnxMetadataKeys.Kind]}' but the frontend is '{frontend.Kind.ToName()}'");
        if (ParseInt(Required(OnnxMetadataKeys.SampleRate), OnnxMetadataKeys.SampleRate, source) != frontend.SampleRate)
            throw new FormatException($"{source}: '{OnnxMetadataKeys.SampleRate}' disagrees with the frontend's {frontend.SampleRate} Hz");
        return new OnnxModelInfo
        {
            Frontend = frontend,
            FormatVersion = format,
            MaxFrames = OptionalInt(OnnxMetadataKeys.MaxFrames),
            FixedSamples = OptionalInt(OnnxMetadataKeys.FixedSamples),
            Labels = metadata.TryGetValue(OnnxMetadataKeys.Labels, out var labels) ? ParseLabels(labels, source) : null,
            LeafAlgorithm = metadata.TryGetValue(OnnxMetadataKeys.LeafAlgorithm, out var algorithm) ? ParseAlgorithm(algorithm, source) : LeafAlgorithm.Exact,
        };
    }

    /// <summary>The metadata entries of this model, in a stable order.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToMetadata()
    {
        string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
        yield return new(OnnxMetadataKeys.FormatVersion, Int(FormatVersion));
        yield return new(OnnxMetadataKeys.Kind, Kind.ToName());
        yield return new(OnnxMetadataKeys.SampleRate, Int(SampleRate));
        yield return new(OnnxMetadataKeys.Frontend, Frontend.ToJson());
        if (MaxFrames is int maxFrames) yield return new(OnnxMetadataKeys.MaxFrames, Int(maxFrames));
        if (FixedSamples is int fixedSamples) yield return new(OnnxMetadataKeys.FixedSamples, Int(fixedSamples));
        if (Labels is not null) yield return new(OnnxMetadataKeys.Labels, JsonSerializer.Serialize(Labels));
        if (LeafAlgorithm != LeafAlgorithm.Exact) yield return new(OnnxMetadataKeys.LeafAlgorithm, LeafAlgorithm.ToName());
    }

    private static ModelProto Parse(Stream stream, string source)
    {
        try { return ModelProto.Parser.ParseFrom(stream); }
        catch (InvalidProtocolBufferException e) { throw new FormatException($"{source}: not an ONNX model ({e.Message})", e); }
    }

    private static OnnxModelInfo FromModel(ModelProto model, string source)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in model.MetadataProps) metadata[p.Key] = p.Value;
        return FromMetadata(metadata, source);
    }

    private static LeafAlgorithm ParseAlgorithm(string value, string source)
    {
        try { return LeafAlgorithmNames.Parse(value); }
        catch (ArgumentException) { throw new FormatException($"{source}: '{OnnxMetadataKeys.LeafAlgorithm}' is '{value}', not one of {string.Join(", ", LeafAlgorithmNames.All)}"); }
    }

    private static int ParseInt(string value, string key, string source) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)
            ? v
            : throw new FormatException($"{source}: '{key}' is '{value}', not an integer");

    private static string[] ParseLabels(string json, string source)
    {
        try { return JsonSerializer.Deserialize<string[]>(json) ?? throw new FormatException($"{source}: '{OnnxMetadataKeys.Labels}' is null"); }
        catch (JsonException e) { throw new FormatException($"{source}: '{OnnxMetadataKeys.Labels}' is not a JSON array of strings: {e.Message}", e); }
    }
}
