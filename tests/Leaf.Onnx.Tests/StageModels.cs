using Leaf.Frontends;
using Leaf.Training.Frontends.Compression;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Onnx.Tests;

/// <summary>Models of single stages of the exported graphs (pooling, sPCEN, its moving average), built from the same internal builders.</summary>
internal static class StageModels
{
    private static readonly OnnxDim Batch = OnnxDim.Named("batch"), Frames = OnnxDim.Named("frames");

    /// <summary>LEAF up to the pooled energies: waveform [batch, samples] → [batch, N, frames], before the floor.</summary>
    public static byte[] PooledEnergies(FrontendDescription description, LeafAlgorithm algorithm = LeafAlgorithm.Exact)
    {
        var d = description.WithInitialParameters();
        var g = new OnnxGraphBuilder("pooled");
        string waveform = g.AddInput("input", Batch, OnnxDim.Named("samples"));
        g.AddOutput(g.Identity(LeafGraph.PooledEnergies(g, waveform, d, algorithm), "output"), Batch, OnnxDim.Fixed(d.FilterCount), Frames);
        return OnnxModelWriter.ToBytes(g);
    }

    /// <summary>sPCEN alone: energies [batch, N, frames] → [batch, N, frames].</summary>
    public static byte[] Pcen(FrontendDescription description, int maxFrames = 1 << 20)
    {
        var d = description.WithInitialParameters();
        var g = new OnnxGraphBuilder("pcen");
        string energies = g.AddInput("input", Batch, OnnxDim.Fixed(d.FilterCount), Frames);
        g.AddOutput(g.Identity(PcenGraph.Add(g, energies, d, maxFrames).Output, "output"), Batch, OnnxDim.Fixed(d.FilterCount), Frames);
        return OnnxModelWriter.ToBytes(g);
    }

    /// <summary>The moving average alone: energies [batch, channels, frames] → [batch, channels, frames]; also returns its frame bound.</summary>
    public static (byte[] Model, int? MaxFrames) MovingAverage(float[] smoothing, int channels, int maxFrames = 1 << 20)
    {
        var g = new OnnxGraphBuilder("ema");
        string energies = g.AddInput("input", Batch, OnnxDim.Fixed(channels), Frames);
        var (smoothed, bound) = ExponentialMovingAverageGraph.Add(g, energies, smoothing, maxFrames);
        g.AddOutput(g.Identity(smoothed, "output"), Batch, OnnxDim.Fixed(channels), Frames);
        return (OnnxModelWriter.ToBytes(g), bound);
    }

    /// <summary>Runs a one-input, one-output stage model on one CPU thread.</summary>
    public static float[] Run(byte[] model, float[] input, params long[] shape)
    {
        using var session = Session(model);
        return Run(session, input, shape);
    }

    /// <summary>A one-thread CPU session of a stage model, for running it several times.</summary>
    public static InferenceSession Session(byte[] model)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        return new InferenceSession(model, options);
    }

    /// <summary>Runs a one-input, one-output stage model's session.</summary>
    public static float[] Run(InferenceSession session, float[] input, params long[] shape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["input"], [value], ["output"]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
