namespace Leaf.Frontends;

/// <summary>
/// Which input samples each output frame of a frontend depends on, and how a segment of the signal must be placed so
/// that an offline graph run on it computes some of the whole signal's frames exactly: the geometry behind chunked and
/// streaming featurization (docs/streaming.md).
/// </summary>
/// <remarks>
/// Frame j of a signal of T samples depends on the samples <see cref="Samples"/> (clipped to [0, T)). A segment
/// [a, b) of the signal, run through the offline graph on its own, gives frame j as its local frame j − a/S, with the
/// same arithmetic, when a is a multiple of <see cref="Alignment"/>, the segment's length is congruent to T modulo S
/// where the grid follows the length (TF SAME pooling: its left padding depends on T mod S), and frame j's samples lie
/// in [a, b) — or reach past it only where the signal itself ends.
/// </remarks>
public sealed class FrameSupport
{
    private readonly FrontendKind kind;
    private readonly int kernel, half, extra, blockFrames;

    private FrameSupport(FrontendDescription d, LeafAlgorithm algorithm)
    {
        kind = d.Kind;
        kernel = d.WindowLength;
        half = (kernel - 1) / 2;
        Stride = d.Stride;
        extra = d.Kind == FrontendKind.Leaf && d.PreEmphasis ? 1 : 0; // y[n] = w₀·x[n] + w₁·x[n+1] reads one sample ahead
        Fast = d.Kind == FrontendKind.Leaf && algorithm == LeafAlgorithm.Fast;
        blockFrames = Fast ? FastLeafPlan.BlockFrames(kernel, Stride) : 1;
        Alignment = Stride * blockFrames; // the fast LEAF's blocks (of FastLeafPlan.BlockLength samples) start every BlockHop
    }

    /// <summary>The geometry of <paramref name="d"/>'s frontend computed with <paramref name="algorithm"/> (LEAF only).</summary>
    public static FrameSupport For(FrontendDescription d, LeafAlgorithm algorithm = LeafAlgorithm.Exact) => new(d, algorithm);

    /// <summary>
    /// Whether <paramref name="d"/> can run in segments: every stage but a warm-started sPCEN, which starts from the mean
    /// energy of the whole clip, only looks back (instance norm needs the length, not the future).
    /// </summary>
    public static bool CanSegment(FrontendDescription d) => !(d.Compression == CompressionKind.Pcen && d.Pcen.WarmStart);

    /// <summary>The frontend's kind.</summary>
    public FrontendKind Kind => kind;

    /// <summary>The stride S in samples.</summary>
    public int Stride { get; }

    /// <summary>Segment starts are multiples of this: S, or the fast LEAF's block hop (its frames are computed per block).</summary>
    public int Alignment { get; }

    /// <summary>Samples one frame depends on (the fast LEAF: its whole block), the same for every frame.</summary>
    public int Span
    {
        get
        {
            var (start, end) = Samples(1000L * blockFrames, 0);
            return checked((int)(end - start));
        }
    }

    /// <summary>Whether frames are the fast LEAF's, which depend on their whole block.</summary>
    public bool Fast { get; }

    /// <summary>
    /// Whether the frame grid moves with the signal's length: TF SAME pooling (LEAF, SincNet, SincNet+) pads
    /// ⌊(K − S + (−T mod S))/2⌋ samples in front, so frame j's window starts at j·S minus that.
    /// </summary>
    public bool GridFollowsLength => kind is FrontendKind.Leaf or FrontendKind.SincNet or FrontendKind.SincNetPlus;

    /// <summary>Output frames for <paramref name="samples"/> samples: ⌈T/S⌉, or ⌊(T − K)/S⌋ + 1 (0 below K) for TD-filterbanks' VALID pooling.</summary>
    public long FrameCount(long samples) => kind == FrontendKind.TdFilterbanks
        ? samples < kernel ? 0 : (samples - kernel) / Stride + 1
        : (samples + Stride - 1) / Stride;

    /// <summary>
    /// The pooling's left padding for a signal of <paramref name="samples"/> samples (TF SAME, docs/frontends.md "Gaussian pooling"): it depends only
    /// on T mod S, so any length (and a live stream, taken as a whole number of strides) maps to one of S values.
    /// </summary>
    public int PoolingLeft(long samples) =>
        GridFollowsLength ? FrameMath.SamePadding(Stride + (int)(samples % Stride), kernel, Stride).Left : 0;

    /// <summary>
    /// The samples [start, end) frame <paramref name="frame"/> depends on (before clipping to the signal), for a pooling
    /// left padding <paramref name="left"/> (<see cref="PoolingLeft"/>).
    /// </summary>
    public (long Start, long End) Samples(long frame, int left)
    {
        long at = frame * Stride;
        if (Fast)
        {
            // Frame j is frame j + 1 of the padded array, whose block m = ⌊(j + 1)/Tb⌋ reads BlockLength samples from
            // m·hop − (left + S + (K−1)/2) (FastLeafGraph: the padding in front, one spare frame included).
            long start = (frame + 1) / blockFrames * Alignment - (left + Stride + half);
            return (start, start + FastLeafPlan.BlockLength + extra);
        }
        return kind switch
        {
            FrontendKind.Mel => (at, at + kernel), // TF stft: frame j is samples [j·S, j·S + L)
            FrontendKind.TdFilterbanks => (at - half, at + kernel - 1 + kernel - half), // VALID window over SAME-filtered energies
            _ => (at - left - half, at - left + kernel - 1 + kernel - half + extra), // SAME window over SAME-filtered energies
        };
    }
}
