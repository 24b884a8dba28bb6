using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// Exports a frontend as the ONNX models that featurize a long or live signal piece by piece with the frames of one
/// offline run (<see cref="StreamingModels"/>); <see cref="StreamingFrontend"/> runs them, and any ONNX Runtime host can
/// follow the same protocol (docs/streaming.md).
/// </summary>
public static class StreamingExporter
{
    /// <summary>Input of the frames model: a segment of the signal, float32 [batch, samples].</summary>
    public const string WaveformInput = FrontendExporter.InputName;

    /// <summary>Output of the frames model: the segment's frame-local values, float32 [batch, frames, N].</summary>
    public const string FramesOutput = "frames";

    /// <summary>Input of the compression and normalisation models: frames [batch, frames, N].</summary>
    public const string EnergiesInput = "energies";

    /// <summary>Input of the compression model: float32 [1], 1 for the stream's first run of frames and 0 afterwards.</summary>
    public const string FirstInput = "first";

    /// <summary>Output of the compression and normalisation models: the features [batch, frames, N].</summary>
    public const string FeaturesOutput = FrontendExporter.OutputName;

    /// <summary>Input k of the compression model: the moving average's state of doubling step k, float32 [batch, N, 2^k].</summary>
    public static string StateInput(int step) => $"ema_state_{step}";

    /// <summary>Output k of the compression model: the state to pass as <see cref="StateInput"/> k on the next run.</summary>
    public static string StateOutput(int step) => $"ema_state_{step}_next";

    /// <summary>Whether <paramref name="d"/> can run in segments (<see cref="FrameSupport.CanSegment"/>; instance norm needs the length, see <see cref="StreamingFrontend"/>).</summary>
    public static bool CanStream(FrontendDescription d) => FrameSupport.CanSegment(d);

    /// <summary>The streaming models of <paramref name="description"/> (missing parameters get the paper's initial values).</summary>
    /// <param name="description">The frontend.</param>
    /// <param name="options">
    /// <see cref="FrontendExportOptions.LeafAlgorithm"/> and <see cref="FrontendExportOptions.MaxFrames"/> as for the offline
    /// export (the compression model's steps are the offline graph's); <see cref="FrontendExportOptions.FixedSamples"/> must be null.
    /// </param>
    /// <exception cref="FormatException">The description is invalid.</exception>
    /// <exception cref="ArgumentException">The description asks for something its kind does not have, or the options are out of range.</exception>
    /// <exception cref="NotSupportedException">The configuration cannot be expressed exactly (see <see cref="FrontendExporter.Export"/>), or it cannot stream (<see cref="CanStream"/>).</exception>
    public static StreamingModels Export(FrontendDescription description, FrontendExportOptions? options = null)
    {
        options ??= new();
        if (!CanStream(description))
            throw new NotSupportedException("a warm-started sPCEN (pcen.warmStart) starts from the mean energy of the whole clip, so it cannot run in segments or streams: featurize it offline");
        if (options.FixedSamples is not null) throw new ArgumentException("streaming models take segments of any length: FixedSamples must be null", nameof(options));
        var info = FrontendExporter.Describe(description, options); // validates, and is the metadata every model carries
        var d = info.Frontend;
        var metadata = info.ToMetadata().ToArray();
        var batch = OnnxDim.Named("batch");
        var frames = OnnxDim.Named("frames");
        var channels = OnnxDim.Fixed(d.FilterCount);
        string name = d.Kind.ToName();

        var g = new OnnxGraphBuilder($"{name}_frames", $"LEAF for .NET '{name}' frontend, frame-local stages of a segment");
        string waveform = g.AddInput(WaveformInput, batch, OnnxDim.Named("samples"));
        g.AddOutput(g.Identity(FramesGraph.Build(g, waveform, d, info.LeafAlgorithm), FramesOutput), batch, frames, channels);
        byte[] framesModel = OnnxModelWriter.ToBytes(g, metadata);

        byte[]? compression = null;
        int[] states = [];
        if (FramesGraph.NeedsPcen(d))
        {
            var p = new OnnxGraphBuilder($"{name}_pcen_step", $"LEAF for .NET '{name}' frontend, sPCEN of consecutive frames with carried state");
            states = PcenStepGraph.Build(p, d, options.MaxFrames, batch, frames);
            compression = OnnxModelWriter.ToBytes(p, metadata);
        }

        byte[]? normalization = null;
        if (FramesGraph.NeedsInstanceNorm(d))
        {
            var n = new OnnxGraphBuilder($"{name}_instance_norm", $"LEAF for .NET '{name}' frontend, instance normalisation of a whole clip's frames");
            string x = n.Transpose(n.AddInput(EnergiesInput, batch, frames, channels), 0, 2, 1);
            string y = FrontendGraphStages.InstanceNorm(n, x, d.Values(ParameterNames.InstanceNormWeight), d.Values(ParameterNames.InstanceNormBias));
            n.AddOutput(n.Identity(FrontendGraphStages.FramesFirst(n, y), FeaturesOutput), batch, frames, channels);
            normalization = OnnxModelWriter.ToBytes(n, metadata);
        }
        return new StreamingModels(info, framesModel, compression, states, normalization);
    }
}
