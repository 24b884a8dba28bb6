using System.Text.Json;
using System.Text.Json.Serialization;

namespace Leaf.Frontends;

/// <summary>
/// Everything that determines a frontend: its kind, hyper-parameters and learned parameter values. Saved as JSON
/// (format <c>leaf-frontend/1</c>), it is read by the TorchSharp modules, the ONNX exporter and the ML.NET side alike.
/// Defaults are the paper's: 40 filters, 16 kHz, 25 ms window, 10 ms stride, 60–7800 Hz.
/// </summary>
public sealed record FrontendDescription
{
    /// <summary>The format tag written into every description.</summary>
    public const string CurrentFormat = "leaf-frontend/1";

    /// <summary>Format tag; must equal <see cref="CurrentFormat"/>.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>Which frontend.</summary>
    public FrontendKind Kind { get; init; } = FrontendKind.Leaf;

    /// <summary>Sample rate of the input waveform in Hz.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>Number of filters N (= output channels).</summary>
    public int FilterCount { get; init; } = 40;

    /// <summary>Filter and pooling window length in milliseconds (K = int(sr·ms // 1000 + 1)).</summary>
    public double WindowMs { get; init; } = 25.0;

    /// <summary>Frame stride in milliseconds (S = int(sr·ms // 1000)).</summary>
    public double StrideMs { get; init; } = 10.0;

    /// <summary>Lowest mel edge used for initialisation (and the mel baseline's matrix).</summary>
    public double MinFrequency { get; init; } = 60.0;

    /// <summary>Highest mel edge used for initialisation (and the mel baseline's matrix).</summary>
    public double MaxFrequency { get; init; } = 7800.0;

    /// <summary>FFT size of the mel matrix used for Gabor initialisation and by the mel baseline's STFT.</summary>
    public int FftSize { get; init; } = 512;

    /// <summary>Gabor initialisation (LEAF).</summary>
    public GaborInitKind GaborInit { get; init; } = GaborInitKind.MelMatched;

    /// <summary>Learnable 2-tap pre-emphasis before the filterbank (LEAF option, off by default).</summary>
    public bool PreEmphasis { get; init; }

    /// <summary>Whether filter parameters are learned.</summary>
    public bool LearnFilters { get; init; } = true;

    /// <summary>Whether pooling widths are learned.</summary>
    public bool LearnPooling { get; init; } = true;

    /// <summary>Initial Gaussian pooling width (0.4).</summary>
    public double PoolingInit { get; init; } = 0.4;

    /// <summary>Floor applied to pooled energies before compression (1e-5; every variant derived from LEAF).</summary>
    public double EnergyFloor { get; init; } = 1e-5;

    /// <summary>Compression after pooling.</summary>
    public CompressionKind Compression { get; init; } = CompressionKind.Pcen;

    /// <summary>sPCEN options (used when <see cref="Compression"/> is <see cref="CompressionKind.Pcen"/>).</summary>
    public PcenOptions Pcen { get; init; } = new();

    /// <summary>Instance normalisation after compression (per channel over time, learnable gain and bias; epsilon 1e-6).</summary>
    public bool InstanceNorm { get; init; }

    /// <summary>Learned parameter values by <see cref="ParameterNames"/> name. Empty means "the paper's initialisation".</summary>
    public SortedDictionary<string, ParameterTensor> Parameters { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Filter and pooling kernel length K in samples.</summary>
    [JsonIgnore] public int WindowLength => FrameMath.WindowLength(SampleRate, WindowMs);

    /// <summary>Frame stride S in samples.</summary>
    [JsonIgnore] public int Stride => FrameMath.Stride(SampleRate, StrideMs);

    /// <summary>The paper's configuration of a frontend kind, with no parameter values yet.</summary>
    public static FrontendDescription Default(FrontendKind kind) => kind switch
    {
        FrontendKind.Leaf => new(),
        FrontendKind.Mel or FrontendKind.TdFilterbanks => new() { Kind = kind, Compression = CompressionKind.Log },
        FrontendKind.SincNet => new() { Kind = kind, Compression = CompressionKind.LayerNorm, MinFrequency = 50, MaxFrequency = 7900 },
        // As coded: PCENLayer() class defaults, i.e. frozen PCEN with floor 1e-6 and one scalar smoothing coefficient.
        FrontendKind.SincNetPlus => new()
        {
            Kind = kind, MinFrequency = 50, MaxFrequency = 7900,
            Pcen = new PcenOptions { Floor = 1e-6, Trainable = false, LearnSmoothing = false, PerChannelSmoothing = false },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>This description with every parameter present: missing ones get the paper's initial values.</summary>
    public FrontendDescription WithInitialParameters()
    {
        var all = new SortedDictionary<string, ParameterTensor>(StringComparer.Ordinal);
        foreach (var (name, value) in InitialParameters.For(this)) all[name] = Parameters.GetValueOrDefault(name, value);
        return this with { Parameters = all };
    }

    /// <summary>The values of one parameter, or an error naming what is missing.</summary>
    public float[] Values(string name) => Parameters.TryGetValue(name, out var p)
        ? p.Values
        : throw new KeyNotFoundException($"frontend description ({Kind.ToName()}) has no parameter '{name}'");

    /// <summary>Serialises to indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Parses and validates JSON written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The JSON is not a valid description; the message says why.</exception>
    public static FrontendDescription FromJson(string json, string source = "frontend description")
    {
        FrontendDescription? d;
        try { d = JsonSerializer.Deserialize<FrontendDescription>(json, JsonOptions); }
        catch (JsonException e) { throw new FormatException($"{source}: invalid JSON: {e.Message}", e); }
        catch (ArgumentException e) { throw new FormatException($"{source}: {e.Message}", e); }
        if (d is null) throw new FormatException($"{source}: empty JSON");
        d.Validate(source);
        return d;
    }

    /// <summary>Reads a description from a JSON file.</summary>
    public static FrontendDescription Load(string path) => FromJson(File.ReadAllText(path), path);

    /// <summary>Writes the description as JSON, atomically (temporary file, then rename).</summary>
    public void Save(string path) => Leaf.Audio.AtomicFile.WriteText(path, ToJson());

    /// <summary>Checks ranges and parameter shapes.</summary>
    /// <exception cref="FormatException">Something is out of range; the message names it.</exception>
    public void Validate(string source = "frontend description")
    {
        void Fail(string what) => throw new FormatException($"{source}: {what}");
        if (Format != CurrentFormat) Fail($"format '{Format}' is not '{CurrentFormat}'");
        if (SampleRate is < 1000 or > 384000) Fail($"sampleRate {SampleRate} is outside 1000..384000 Hz");
        if (FilterCount is < 1 or > 1024) Fail($"filterCount {FilterCount} is outside 1..1024");
        if (WindowLength < 2) Fail($"windowMs {WindowMs} gives a window of {WindowLength} samples");
        if (Stride < 1) Fail($"strideMs {StrideMs} gives a stride of {Stride} samples");
        if (!(MinFrequency >= 0 && MaxFrequency > MinFrequency && MaxFrequency <= SampleRate / 2.0))
            Fail($"frequency range {MinFrequency}..{MaxFrequency} Hz must satisfy 0 <= min < max <= {SampleRate / 2.0}");
        if (FftSize < 2 || (FftSize & (FftSize - 1)) != 0) Fail($"fftSize {FftSize} is not a power of two");
        foreach (var (name, p) in Parameters)
        {
            if (p.Shape.Any(s => s < 1) || p.ElementCount != p.Values.Length)
                Fail($"parameter '{name}' has shape [{string.Join(", ", p.Shape)}] but {p.Values.Length} values");
            if (p.Values.Any(v => !float.IsFinite(v))) Fail($"parameter '{name}' has a NaN or infinite value");
        }
        foreach (var (name, init) in InitialParameters.For(this))
            if (Parameters.TryGetValue(name, out var p) && !p.Shape.AsSpan().SequenceEqual(init.Shape))
                Fail($"parameter '{name}' has shape [{string.Join(", ", p.Shape)}], expected [{string.Join(", ", init.Shape)}]");
    }

    /// <summary>JSON settings shared by everything that reads or writes descriptions.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
