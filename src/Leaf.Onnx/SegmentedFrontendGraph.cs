using Leaf.Frontends;
using Leaf.Onnx.Proto;

namespace Leaf.Onnx;

/// <summary>
/// The whole frontend as one graph that computes its frame-local stages (<see cref="FramesGraph"/>) segment by segment
/// in an ONNX <c>Loop</c>, then the whole-signal stages (sPCEN, instance norm) on all frames, as the offline graph does:
/// ONNX Runtime's peak memory is one segment's intermediates plus the waveform and the [frames, N] arrays, whatever the
/// length. The segment geometry is <see cref="FrameSupport"/>'s, computed in-graph with int64 ops: iteration i keeps frames
/// [j₀, j₀ + F) with j₀ = min(i·F, total − F), from the segment [a, b) that starts at a multiple of the alignment at or
/// before frame j₀'s first sample (clamped to 0) and ends at frame j₀ + F − 1's last one (clamped to T), padded with zeros
/// to a length ≡ T (mod S) where the grid follows the length; its local frame j − a/S is global frame j. A waveform
/// shorter than the frontend's minimum (1 sample; K for TD-filterbanks), which the offline model refuses, is taken as
/// padded with zeros to it (one frame), so that an empty row of ML.NET gives finite features.
/// </summary>
internal static class SegmentedFrontendGraph
{
    private const string BodyPrefix = "segment/";

    /// <summary>The smallest <see cref="FrontendExportOptions.SegmentSamples"/> for <paramref name="d"/>: one frame's (or fast block's) samples plus two alignment steps.</summary>
    public static int MinimumSegment(FrontendDescription d, LeafAlgorithm algorithm)
    {
        var support = FrameSupport.For(d, algorithm);
        return support.Span + 2 * support.Alignment;
    }

    /// <summary>Refuses a <see cref="FrontendExportOptions.SegmentSamples"/> below <see cref="MinimumSegment"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is below the minimum (parameter <c>options</c>).</exception>
    public static void RequireSegmentSamples(FrontendDescription d, LeafAlgorithm algorithm, int segmentSamples)
    {
        int minimum = MinimumSegment(d, algorithm);
        if (segmentSamples < minimum)
            throw new ArgumentOutOfRangeException("options", segmentSamples, $"SegmentSamples must be at least {minimum} for this {d.Kind.ToName()} frontend (one frame's samples plus two alignment steps)");
    }

    /// <summary>Frames kept per iteration for segments of at most about <paramref name="segmentSamples"/> samples: a whole number of alignment steps.</summary>
    public static int FramesPerSegment(FrontendDescription d, LeafAlgorithm algorithm, int segmentSamples)
    {
        RequireSegmentSamples(d, algorithm, segmentSamples);
        var support = FrameSupport.For(d, algorithm);
        // F·S ≤ segmentSamples − span − alignment: a segment, aligned start and padding included, then stays within
        // segmentSamples (the fast LEAF's: within segmentSamples + S).
        return (segmentSamples - support.Span - support.Alignment) / support.Alignment * (support.Alignment / support.Stride);
    }

    /// <summary>Adds the features [1, frames, N] of <paramref name="waveform"/> [1, T] computed in segments of about <paramref name="segmentSamples"/> samples.</summary>
    public static FrontendGraphResult Build(OnnxGraphBuilder g, string waveform, FrontendDescription d, FrontendExportOptions options, int segmentSamples)
    {
        var algorithm = d.Kind == FrontendKind.Leaf ? options.LeafAlgorithm : LeafAlgorithm.Exact;
        var support = FrameSupport.For(d, algorithm);
        int framesPerSegment = FramesPerSegment(d, algorithm, segmentSamples);
        var geometry = Geometry.Add(g, waveform, support, d.WindowLength, valid: d.Kind == FrontendKind.TdFilterbanks, framesPerSegment);
        var body = Body(waveform, d, algorithm, support, geometry);
        string perSegment = g.AddNode("Loop", [g.Reshape(geometry.Iterations), ""], [OnnxAttribute.Graph("body", body)]); // [n, N, F]
        string energies = WithoutRepeats(g, perSegment, geometry, d.FilterCount);                              // [1, N, total]
        return WholeSignalStages(g, energies, d, options.MaxFrames);
    }

    // One iteration: frames [j₀, j₀ + F) from their segment of the outer-scope waveform, as [N, F].
    private static OnnxGraphBuilder Body(string waveform, FrontendDescription d, LeafAlgorithm algorithm, FrameSupport support, Geometry geometry)
    {
        var b = new OnnxGraphBuilder("segment_body", BodyPrefix, [waveform, .. geometry.OuterValues]);
        string iteration = b.AddTypedInput(BodyPrefix + "iteration", TensorProto.Types.DataType.Int64);
        string condition = b.AddTypedInput(BodyPrefix + "condition", TensorProto.Types.DataType.Bool);
        b.AddTypedOutput(b.Identity(condition, BodyPrefix + "condition_out"), TensorProto.Types.DataType.Bool);

        string first = b.Min(b.Mul(b.Reshape(iteration, 1), geometry.Kept), b.Sub(geometry.Total, geometry.Kept));
        var (segment, start) = Segment(b, waveform, d, support, geometry, first);
        string local = FramesGraph.Build(b, segment, d, algorithm);                                        // [1, frames, N]
        string offset = b.Sub(first, b.Div(start, b.AddInt64s(support.Stride)));                          // local frame of j₀
        string kept = b.Slice(local, offset, b.Add(offset, geometry.Kept), b.AddInt64s(1));
        string output = b.Identity(b.Transpose(b.Reshape(kept, -1, d.FilterCount), 1, 0), BodyPrefix + "frames");
        b.AddOutput(output, OnnxDim.Fixed(d.FilterCount), OnnxDim.Named("segment_frames"));
        return b;
    }

    // The padded segment [1, samples] that computes frames [first, first + F) exactly, and its start a.
    private static (string Segment, string Start) Segment(OnnxGraphBuilder b, string waveform, FrontendDescription d, FrameSupport support, Geometry geometry, string first)
    {
        string last = b.Sub(b.Add(first, geometry.Kept), b.AddInt64s(1));
        string alignment = b.AddInt64s(support.Alignment);
        string start = b.Mul(b.Div(b.Max(FirstSample(b, support, d, first, geometry.Left), b.AddInt64s(0)), alignment), alignment);
        string end = b.Min(EndSample(b, support, d, last, geometry.Left), geometry.Length);
        string segment = b.Slice(waveform, start, end, b.AddInt64s(1)); // shorter than end − start only below the minimum length
        return (Padded(b, segment, b.Sub(end, start), support.GridFollowsLength ? geometry.Residue : null, support.Stride), start);
    }

    // Zeros at the end up to `length` (a waveform shorter than the minimum, taken as padded to it), then, with a
    // `residue`, up to a length ≡ T (mod S): TF SAME pooling's left padding depends on the length modulo S.
    private static string Padded(OnnxGraphBuilder b, string segment, string length, string? residue, int stride)
    {
        string padding = b.Sub(length, b.Shape(segment, 1, 2));
        if (residue is not null)
        {
            string s = b.AddInt64s(stride);
            string behind = Mod(b, b.Add(b.Sub(length, residue), s), s);                                      // (length − T) mod S ≥ 0
            padding = b.Add(padding, Mod(b, b.Sub(s, behind), s));
        }
        return b.Pad(segment, b.Concat(0, b.AddInt64s(0, 0, 0), padding));
    }

    // Integer a mod b of non-negative int64 values.
    private static string Mod(OnnxGraphBuilder g, string a, string b) => g.AddNode("Mod", [a, b]);

    // FrameSupport.Samples(frame, left).Start in int64 ops.
    private static string FirstSample(OnnxGraphBuilder b, FrameSupport support, FrontendDescription d, string frame, string left)
    {
        int half = (d.WindowLength - 1) / 2;
        if (support.Fast) // (j + 1) / blockFrames · hop − (left + S + half)
            return b.Sub(b.Mul(b.Div(b.Add(frame, b.AddInt64s(1)), b.AddInt64s(support.Alignment / support.Stride)), b.AddInt64s(support.Alignment)),
                b.Add(left, b.AddInt64s(support.Stride + half)));
        string at = b.Mul(frame, b.AddInt64s(support.Stride));
        return d.Kind switch
        {
            FrontendKind.Mel => at,
            FrontendKind.TdFilterbanks => b.Sub(at, b.AddInt64s(half)),
            _ => b.Sub(b.Sub(at, left), b.AddInt64s(half)),
        };
    }

    // FrameSupport.Samples(frame, left).End: the start plus the span, which is the same for every frame.
    private static string EndSample(OnnxGraphBuilder b, FrameSupport support, FrontendDescription d, string frame, string left) =>
        b.Add(FirstSample(b, support, d, frame, left), b.AddInt64s(support.Span));

    // [n, N, F] → [1, N, total], channels first as the offline graph's energies: the last iteration repeats the nF − total
    // frames before total − F. The transpose comes before a reshape so that ONNX Runtime cannot move it past the
    // whole-signal stages (a reduction over a transposed layout sums in another order).
    private static string WithoutRepeats(OnnxGraphBuilder g, string perSegment, Geometry geometry, int channels)
    {
        string rows = g.Reshape(g.Transpose(perSegment, 1, 0, 2), 1, channels, -1);
        string n = geometry.Iterations, f = geometry.Kept, zero = g.AddInt64s(0), axis = g.AddInt64s(2);
        string lastStart = g.Mul(g.Sub(n, g.AddInt64s(1)), f);                                               // (n − 1)·F
        string head = g.Slice(rows, zero, lastStart, axis);
        string tail = g.Slice(rows, g.Sub(g.Add(lastStart, g.Mul(n, f)), geometry.Total), g.Mul(n, f), axis);
        return g.Concat(2, head, tail);
    }

    // What the offline graph does after the frame-local stages (LeafGraph, SincNetGraph): sPCEN, instance norm, on [1, N, frames].
    private static FrontendGraphResult WholeSignalStages(OnnxGraphBuilder g, string energies, FrontendDescription d, int maxFrames)
    {
        string x = energies;
        int? bound = null;
        if (FramesGraph.NeedsPcen(d)) (x, bound) = PcenGraph.Add(g, x, d, maxFrames);
        if (FramesGraph.NeedsInstanceNorm(d)) x = FrontendGraphStages.InstanceNorm(g, x, d.Values(ParameterNames.InstanceNormWeight), d.Values(ParameterNames.InstanceNormBias));
        return new(FrontendGraphStages.FramesFirst(g, x), bound);
    }

    // The int64 [1] values of the outer graph the loop body reads.
    private sealed record Geometry(string Length, string Total, string Residue, string Left, string Kept, string Iterations)
    {
        public IEnumerable<string> OuterValues => [Length, Total, Residue, Left, Kept, Iterations];

        public static Geometry Add(OnnxGraphBuilder g, string waveform, FrameSupport support, int kernel, bool valid, int framesPerSegment)
        {
            // A waveform shorter than the minimum (K for VALID pooling, else 1) counts as padded with zeros to it.
            string length = g.Max(g.Shape(waveform, 1, 2), g.AddInt64s(valid ? kernel : 1)), s = g.AddInt64s(support.Stride);
            string total = valid // FrameSupport.FrameCount
                ? g.Add(g.Div(g.Sub(length, g.AddInt64s(kernel)), s), g.AddInt64s(1))                      // VALID: ⌊(T − K)/S⌋ + 1
                : g.Div(g.Add(length, g.AddInt64s(support.Stride - 1)), s);                                 // ⌈T/S⌉
            string residue = Mod(g, length, s);
            // FrameSupport.PoolingLeft, TF SAME: ⌊(K − S + (−T mod S))/2⌋; 0 where the grid does not follow the length.
            string left = support.GridFollowsLength
                ? g.Div(g.Add(g.AddInt64s(kernel - support.Stride), Mod(g, g.Sub(s, residue), s)), g.AddInt64s(2))
                : g.AddInt64s(0);
            string kept = g.Min(g.AddInt64s(framesPerSegment), total);                                     // total ≥ 1: length ≥ the minimum
            string iterations = g.Div(g.Sub(g.Add(total, kept), g.AddInt64s(1)), kept);
            return new(length, total, residue, left, kept, iterations);
        }
    }
}
