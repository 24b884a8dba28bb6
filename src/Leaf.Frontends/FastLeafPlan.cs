using System.Numerics;

namespace Leaf.Frontends;

/// <summary>
/// The constants of the fast LEAF: the same pooled energies as the exact stride-1 Gabor convolution, computed per block of
/// <see cref="FramesPerBlock"/> frames from one DFT of <see cref="BlockLength"/> samples. Filter n keeps only the band of
/// bins where its response exceeds <see cref="Threshold"/> of its peak; the band, demodulated and zero-padded to twice its
/// width, is inverse-transformed to a decimated rate at which the squared modulus is still exactly represented (its
/// spectrum spans less than twice the band), and a per-channel matrix pools those samples into frames
/// (band-limited interpolation followed by the Gaussian window). Filters whose band exceeds a quarter of the block (wide
/// Gaussians cut by the K-tap window have slowly decaying sidelobes) gain nothing from it: they are
/// <see cref="DirectChannels"/>, left to the exact convolution.
/// </summary>
public sealed class FastLeafPlan
{
    /// <summary>DFT size of one block.</summary>
    public const int BlockLength = 4096;

    /// <summary>Smallest decimated transform size of a band class.</summary>
    public const int SmallestTransform = 256;

    /// <summary>A filter's band keeps every bin whose response magnitude exceeds this fraction of its peak.</summary>
    public const double Threshold = 1e-5;

    private FastLeafPlan(int windowLength, int stride, int framesPerBlock, IReadOnlyList<FastLeafBandClass> classes, int[] directChannels)
    {
        DirectChannels = directChannels;
        WindowLength = windowLength;
        Stride = stride;
        FramesPerBlock = framesPerBlock;
        Classes = classes;
    }

    /// <summary>Kernel length K of both the Gabor filters and the pooling windows.</summary>
    public int WindowLength { get; }

    /// <summary>Pooling stride S.</summary>
    public int Stride { get; }

    /// <summary>Frames per block: the most whose energies S·(T−1) + 2K − 1 samples fit in one block.</summary>
    public int FramesPerBlock { get; }

    /// <summary>Hop between blocks in samples: S · <see cref="FramesPerBlock"/>.</summary>
    public int BlockHop => Stride * FramesPerBlock;

    /// <summary>Half the kernel, (K − 1)/2: the stride-1 convolution's left padding.</summary>
    public int HalfWindow => (WindowLength - 1) / 2;

    /// <summary>Filters to compute with the exact convolution (their band needs the full block).</summary>
    public int[] DirectChannels { get; }

    /// <summary>The other filters, grouped by decimated transform size; each is in exactly one class.</summary>
    public IReadOnlyList<FastLeafBandClass> Classes { get; }

    /// <summary>The plan for Gabor parameters (η, σ) and pooling widths (clipped as in the exact model), K taps, stride S.</summary>
    /// <exception cref="NotSupportedException">K is even, or the geometry does not fit the block (K > 4S or 2K > block).</exception>
    public static FastLeafPlan Create(ReadOnlySpan<float> center, ReadOnlySpan<float> width, ReadOnlySpan<float> poolingWidth, int windowLength, int stride)
    {
        int k = windowLength, l = BlockLength, framesPerBlock = BlockFrames(windowLength, stride);
        var (re, im) = GaborKernels.ImpulseResponses(center, width, k);
        float[] windows = GaussianLowpassWindow.Windows(poolingWidth, k);
        int n = center.Length;
        var bands = new (int Start, int Transform)[n];
        var responses = new Complex[n][];
        for (int c = 0; c < n; c++)
        {
            responses[c] = Response(re.AsSpan(c * k, k), im.AsSpan(c * k, k), l);
            bands[c] = Band([.. responses[c].Select(v => v.Magnitude)]);
        }
        var classes = bands.Select((b, c) => (b.Transform, Channel: c)).Where(x => x.Transform < l).GroupBy(x => x.Transform).OrderBy(x => x.Key)
            .Select(grp => BandClass(grp.Key, [.. grp.Select(x => x.Channel)], bands, responses, windows, k, stride, framesPerBlock))
            .ToArray();
        return new(k, stride, framesPerBlock, classes, [.. Enumerable.Range(0, n).Where(c => bands[c].Transform >= l)]);
    }

    /// <summary>Whether the fast LEAF handles K taps at stride S (see <see cref="BlockFrames"/>).</summary>
    public static bool Supports(int windowLength, int stride) =>
        windowLength % 2 == 1 && windowLength <= 4 * stride && stride * 2 + 2 * windowLength - 1 <= BlockLength;

    /// <summary>Frames per block for K taps and stride S: the most whose energies, S·(T−1) + 2K − 1 samples, fit in one block.</summary>
    /// <exception cref="NotSupportedException">K is even, or the geometry does not fit the block (K > 4S or fewer than 2 frames per block).</exception>
    public static int BlockFrames(int windowLength, int stride)
    {
        if (!Supports(windowLength, stride))
            throw new NotSupportedException($"the fast LEAF needs an odd window K ≤ 4·stride with 2 frames in a {BlockLength}-sample block (K = {windowLength}, stride = {stride})");
        return (BlockLength - 2 * windowLength + 1) / stride + 1;
    }

    /// <summary>G(f) = Σ_k conj(φ[k])·e^{2πifk/L}: the block-DFT factor of the filter's (conjugated) cross-correlation.</summary>
    private static Complex[] Response(ReadOnlySpan<float> re, ReadOnlySpan<float> im, int l)
    {
        var g = new Complex[l];
        for (int f = 0; f < l; f++)
        {
            Complex sum = 0, step = Complex.FromPolarCoordinates(1, 2 * Math.PI * f / l), phase = 1;
            for (int t = 0; t < re.Length; t++, phase *= step) sum += new Complex(re[t], -im[t]) * phase;
            g[f] = sum;
        }
        return g;
    }

    /// <summary>
    /// A filter's band from the magnitudes |G(f)| of its block-DFT response (L bins): the shortest cyclic run holding every
    /// bin above <see cref="Threshold"/> of the peak, centred in Q/2 bins where Q, the decimated transform size, is the
    /// smallest power of two ≥ <see cref="SmallestTransform"/> holding twice the run (the squared modulus then needs no more
    /// than Q samples). Q = L (start 0) means no band: the full rate.
    /// </summary>
    public static (int Start, int Transform) Band(ReadOnlySpan<double> magnitude)
    {
        var powers = new List<int>();
        for (int q = SmallestTransform; q < magnitude.Length; q *= 2) powers.Add(q);
        return Band(magnitude, [.. powers]);
    }

    /// <summary>
    /// As <see cref="Band(ReadOnlySpan{double})"/>, with Q the first of <paramref name="transforms"/> (ascending, each
    /// below L) that holds twice the run, or L when none does.
    /// </summary>
    public static (int Start, int Transform) Band(ReadOnlySpan<double> magnitude, ReadOnlySpan<int> transforms)
    {
        int l = magnitude.Length;
        var (start, width) = Run(magnitude);
        foreach (int transform in transforms)
            if (transform >= 2 * width) return ((start - (transform / 2 - width) / 2 + l) % l, transform);
        return (0, l);
    }

    /// <summary>The shortest cyclic run of bins holding every bin whose magnitude exceeds <see cref="Threshold"/> of the peak.</summary>
    public static (int Start, int Width) Run(ReadOnlySpan<double> magnitude)
    {
        int l = magnitude.Length;
        double peak = 0;
        foreach (double m in magnitude) peak = Math.Max(peak, m);
        double limit = Threshold * peak;
        // The run is the complement of the longest cyclic gap between consecutive bins above the limit.
        int first = -1, previous = -1, gap = 0, start = 0;
        for (int f = 0; f < l; f++)
        {
            if (magnitude[f] <= limit) continue;
            if (first < 0) (first, start) = (f, f);
            else if (f - previous - 1 > gap) (gap, start) = (f - previous - 1, f);
            previous = f;
        }
        if (first + l - previous - 1 > gap) (gap, start) = (first + l - previous - 1, first);
        return (start, l - gap);
    }

    private static FastLeafBandClass BandClass(int q, int[] channels, (int Start, int Transform)[] bands, Complex[][] responses, float[] windows, int k, int stride, int frames)
    {
        int l = BlockLength, bins = q / 2;
        int rows = 1 << (int)Math.Ceiling(Math.Log2(q) / 2), columns = q / rows; // Q = N2·N1, transform index q = N2·q1 + q2
        int nc = channels.Length;
        var spectrumIndex = new int[nc * bins];
        var gRe = new float[nc * bins];
        var gIm = new float[nc * bins];
        var pooling = new float[nc * 2 * q * frames];
        double[] dirichlet = Dirichlet(q, l);
        for (int i = 0; i < nc; i++)
        {
            int c = channels[i];
            for (int m = 0; m < bins; m++)
            {
                int f = (bands[c].Start + m) % l;
                spectrumIndex[i * bins + m] = f;
                gRe[i * bins + m] = (float)responses[c][f].Real;
                gIm[i * bins + m] = (float)responses[c][f].Imaginary;
            }
            var window = windows.AsSpan(c * k, k);
            for (int q1 = 0; q1 < columns; q1++)
                for (int q2 = 0; q2 < rows; q2++)
                {
                    int sample = (rows * q1 + q2) * (l / q); // the decimated sample's block position
                    for (int j = 0; j < frames; j++)
                    {
                        double a = 0;
                        int offset = sample - stride * j; // the sample's position in frame j's window
                        for (int v = 0; v < k; v++) a += window[v] * dirichlet[((v - offset) % l + l) % l];
                        // Column of the squared real part (q2, q1) and of the squared imaginary part (q2, N1 + q1).
                        int re = q2 * 2 * columns + q1;
                        pooling[(i * frames + j) * 2 * q + re] = (float)a;
                        pooling[(i * frames + j) * 2 * q + re + columns] = (float)a;
                    }
                }
        }
        return new FastLeafBandClass(channels, q, rows, columns, bins, spectrumIndex, gRe, gIm, pooling);
    }

    /// <summary>
    /// The kernel D(x), x = 0…L−1, of band-limited interpolation from Q samples spaced L/Q apart of an L-periodic signal
    /// whose spectrum lies within ±(Q/2 − 1) bins: D(x) = (1/Q)·Σ_{|k|&lt;Q/2} e^{2πikx/L} = sin(π(Q−1)x/L) / (Q·sin(πx/L)).
    /// </summary>
    public static double[] Dirichlet(int q, int l)
    {
        var d = new double[l];
        for (int x = 0; x < l; x++)
            d[x] = x == 0 ? (q - 1.0) / q : Math.Sin(Math.PI * (q - 1) * x / l) / (q * Math.Sin(Math.PI * x / l));
        return d;
    }
}
