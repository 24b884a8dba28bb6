using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// sPCEN (docs/frontends.md "sPCEN") on consecutive runs of frames of one stream, carrying the moving average's state between runs, with
/// exactly the float32 operations of <see cref="ExponentialMovingAverageGraph"/> and <see cref="PcenGraph"/>: the
/// frames it returns are those of one offline run, bit for bit.
/// </summary>
/// <remarks>
/// The offline graph's doubling step k computes x_{k+1}[t] = x_k[t] + c_k·x_k[t − 2^k]. A run of frames needs the last
/// 2^k values of x_k from the runs before it: that is the state of step k, [batch, N, 2^k], zeros at the start of the
/// stream. The first frame of the stream enters the average unscaled (b[0] = E[0], b[t] = s·E[t]): the input
/// <c>first</c> is 1 for the stream's first run and 0 afterwards, and b[0] = E[0]·max(first, s).
/// </remarks>
internal static class PcenStepGraph
{
    /// <summary>Builds the step for <paramref name="d"/> (energies and features [batch, F, N]); returns the length of each step's state.</summary>
    public static int[] Build(OnnxGraphBuilder g, FrontendDescription d, int maxFrames, OnnxDim batch, OnnxDim frames)
    {
        float[] smoothing = PcenGraph.Smoothing(d);
        var coefficients = ExponentialMovingAverageGraph.Coefficients(smoothing, maxFrames);
        var clipped = smoothing.Select(s => Math.Clamp(s, 0f, 1f)).ToArray();
        int n = d.FilterCount;
        var channels = OnnxDim.Fixed(n);

        string energies = g.Transpose(g.AddInput(StreamingExporter.EnergiesInput, batch, frames, channels), 0, 2, 1); // [B, N, F]
        string first = g.AddInput(StreamingExporter.FirstInput, OnnxDim.Fixed(1));
        string time = g.AddInt64s(2), zero = g.AddInt64s(0), one = g.AddInt64s(1), end = g.AddInt64s(long.MaxValue);
        string column = FrontendGraphStages.ChannelColumn(g, "pcen_smoothing", clipped);
        string head = g.Mul(g.Slice(energies, zero, one, time), g.Max(first, column)); // E[0]·1 at the start, else E[0]·s
        string x = g.Concat(2, head, g.Mul(g.Slice(energies, one, end, time), column));

        string count = g.Shape(energies, 2, 3);
        var lengths = new int[coefficients.Count];
        for (int k = 0; k < coefficients.Count; k++)
        {
            lengths[k] = 1 << k;
            string state = g.AddInput(StreamingExporter.StateInput(k), batch, channels, OnnxDim.Fixed(lengths[k]));
            string joined = g.Concat(2, state, x); // x_k[t − 2^k] for t = 0 … F−1 is joined[t]
            string shifted = g.Slice(joined, zero, count, time);
            g.AddOutput(g.Identity(g.Slice(joined, count, end, time), StreamingExporter.StateOutput(k)), batch, channels, OnnxDim.Fixed(lengths[k]));
            x = g.Add(x, g.Mul(shifted, FrontendGraphStages.ChannelColumn(g, $"ema_decay_pow2_{k}", coefficients[k])));
        }
        string features = FrontendGraphStages.FramesFirst(g, PcenGraph.Compress(g, energies, x, d));
        g.AddOutput(g.Identity(features, StreamingExporter.FeaturesOutput), batch, frames, channels);
        return lengths;
    }
}
