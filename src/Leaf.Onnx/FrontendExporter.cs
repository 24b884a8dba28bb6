using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// Exports any frontend of a <see cref="FrontendDescription"/> as a standard ONNX model (opset 17): input
/// <c>waveform</c> float32 [batch, samples] → output <c>features</c> float32 [batch, frames, N], kernels frozen from the
/// description's values after their forward-pass clips, the description itself stored in the metadata
/// (<see cref="OnnxModelInfo"/>).
/// </summary>
public static class FrontendExporter
{
    /// <summary>Name of the graph input, float32 [batch, samples].</summary>
    public const string InputName = "waveform";

    /// <summary>Name of the graph output, float32 [batch, frames, channels].</summary>
    public const string OutputName = "features";

    /// <summary>The ONNX model of <paramref name="description"/> (missing parameters get the paper's initial values).</summary>
    /// <exception cref="FormatException">The description is invalid.</exception>
    /// <exception cref="ArgumentException">The description asks for something its kind does not have, or the options are out of range.</exception>
    /// <exception cref="NotSupportedException">The configuration cannot be expressed exactly (pooling window shorter than the stride).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="FrontendExportOptions.SegmentSamples"/> is below the frontend's minimum.</exception>
    public static byte[] Export(FrontendDescription description, FrontendExportOptions? options = null)
    {
        var (graph, info, docString) = Build(description, options ?? new());
        return OnnxModelWriter.ToBytes(graph, info.ToMetadata(), docString);
    }

    /// <summary>Exports to <paramref name="path"/> (written atomically) and returns the model's metadata.</summary>
    /// <inheritdoc cref="Export" path="/exception"/>
    public static OnnxModelInfo ExportToFile(FrontendDescription description, string path, FrontendExportOptions? options = null)
    {
        var (graph, info, docString) = Build(description, options ?? new());
        OnnxModelWriter.WriteFile(path, OnnxModelWriter.ToBytes(graph, info.ToMetadata(), docString));
        return info;
    }

    internal static (OnnxGraphBuilder Graph, OnnxModelInfo Info, string DocString) Build(FrontendDescription description, FrontendExportOptions options)
    {
        var shape = Describe(description, options);
        var d = shape.Frontend;
        string name = d.Kind.ToName();
        var batch = options.SegmentSamples is null ? OnnxDim.Named("batch") : OnnxDim.Fixed(1);
        var samples = options.FixedSamples is int length ? OnnxDim.Fixed(length) : OnnxDim.Named("samples");
        var frames = options.FixedSamples is int fixedLength ? OnnxDim.Fixed(shape.FrameCount(fixedLength)) : OnnxDim.Named("frames");

        string summary = $"LEAF for .NET '{name}' frontend: {InputName} float32 [{batch}, samples] at {d.SampleRate} Hz -> {OutputName} float32 [{batch}, frames, {d.FilterCount}]"
            + (options.SegmentSamples is int q ? $", computed in segments of about {q} samples" : "");
        var g = new OnnxGraphBuilder($"{name}_frontend", summary);
        string waveform = g.AddInput(InputName, batch, samples);
        var result = options.SegmentSamples is int segment
            ? SegmentedFrontendGraph.Build(g, waveform, d, options, segment)
            : WholeWaveform(g, waveform, d, options);
        g.AddOutput(g.Identity(result.Features, OutputName), batch, frames, OnnxDim.Fixed(d.FilterCount));

        var info = shape with { MaxFrames = result.MaxFrames };
        if (options.FixedSamples is int exported) info.RequireValidLength(exported); // within sPCEN's frame bound
        string limit = result.MaxFrames is int maxFrames ? $"; exact for inputs up to {maxFrames} frames" : "";
        return (g, info, options.DocString ?? summary + limit);
    }

    // The offline graph: every stage on the whole waveform at once.
    private static FrontendGraphResult WholeWaveform(OnnxGraphBuilder g, string waveform, FrontendDescription d, FrontendExportOptions options) => d.Kind switch
    {
        FrontendKind.Leaf => LeafGraph.Build(g, waveform, d, options),
        FrontendKind.Mel => MelGraph.Build(g, waveform, d),
        FrontendKind.TdFilterbanks => TdFilterbanksGraph.Build(g, waveform, d),
        FrontendKind.SincNet or FrontendKind.SincNetPlus => SincNetGraph.Build(g, waveform, d, options),
        _ => throw new NotSupportedException($"no ONNX export for frontend kind '{d.Kind.ToName()}'"),
    };

    /// <summary>The validated description with its initial parameters filled in, as model metadata without the sPCEN frame bound.</summary>
    internal static OnnxModelInfo Describe(FrontendDescription description, FrontendExportOptions options)
    {
        description.Validate();
        var d = description.WithInitialParameters();
        RequireKindOptions(d);
        if (options.MaxFrames < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxFrames, "MaxFrames must be at least 1");
        var shape = new OnnxModelInfo // frame arithmetic of this kind
        {
            Frontend = d, FixedSamples = options.FixedSamples,
            LeafAlgorithm = d.Kind == FrontendKind.Leaf ? options.LeafAlgorithm : LeafAlgorithm.Exact,
        };
        if (options.SegmentSamples is int segment) SegmentedFrontendGraph.RequireSegmentSamples(d, shape.LeafAlgorithm, segment);
        if (options.FixedSamples < shape.MinimumSamples)
            throw new ArgumentOutOfRangeException(nameof(options), options.FixedSamples, $"FixedSamples must be at least {shape.MinimumSamples} for the {d.Kind.ToName()} frontend");
        return shape;
    }

    // The baselines have exactly the reference's stages: no pre-emphasis or instance norm, and their own compression.
    private static void RequireKindOptions(FrontendDescription d)
    {
        string name = d.Kind.ToName();
        var allowed = d.Kind switch
        {
            FrontendKind.Leaf => [CompressionKind.Pcen, CompressionKind.Log],
            FrontendKind.Mel or FrontendKind.TdFilterbanks => [CompressionKind.Log],
            FrontendKind.SincNet => [CompressionKind.LayerNorm],
            _ => new[] { CompressionKind.Pcen },
        };
        if (!allowed.Contains(d.Compression))
            throw new ArgumentException($"the {name} frontend compresses with {string.Join(" or ", allowed)}, not {d.Compression}", nameof(d));
        if (d.Kind == FrontendKind.Leaf) return;
        if (d.PreEmphasis) throw new ArgumentException($"the {name} frontend has no pre-emphasis option", nameof(d));
        if (d.InstanceNorm) throw new ArgumentException($"the {name} frontend has no instance-normalisation option", nameof(d));
    }
}
