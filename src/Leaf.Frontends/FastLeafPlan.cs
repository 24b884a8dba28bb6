using System.Numerics;

namespace Leaf.Frontends;

/// <summary>
/// The constants of the fast LEAF: the same pooled energies as the exact stride-1 Gabor convolution, computed per block of
/// <see cref="FramesPerBlock"/> frames from one DFT of <see cref="BlockLength"/> samples. Filter n keeps only the band of
/// bins where its response exceeds <see cref="Threshold"/> of its peak; the band, demodulated and zero-padded to Q, is
/// inverse-transformed to a decimated rate where the squared modulus keeps every harmonic that matters (Q holds the band
/// and twice the harmonics whose bound exceeds <see cref="AliasTolerance"/>, see <see cref="FirstAliasedHarmonic"/>), and
/// a per-channel matrix pools those samples into frames (band-limited interpolation followed by the Gaussian window).
/// Filters with no Q below the block (wide Gaussians cut by the K-tap window have slowly decaying sidelobes) gain nothing
/// from it: they are <see cref="DirectChannels"/>, left to the exact convolution.
/// </summary>
public sealed class FastLeafPlan
{
    /// <summary>DFT size of one block.</summary>
    public const int BlockLength = 4096;

    /// <summary>Smallest decimated transform size of a band class.</summary>
    public const int SmallestTransform = 256;

    /// <summary>A filter's band keeps every bin whose response magnitude exceeds this fraction of its peak.</summary>
    public const double Threshold = 1e-5;

    /// <summary>Bound on the aliased harmonics of |y|², relative to its mean (see <see cref="FirstAliasedHarmonic"/>).</summary>
    public const double AliasTolerance = 1e-6;

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
        int[] transforms = Transforms(stride);
        var bands = new (int Start, int Width, int Transform)[n];
        var responses = new Complex[n][];
        for (int c = 0; c < n; c++)
        {
            responses[c] = Response(re.AsSpan(c * k, k), im.AsSpan(c * k, k), l);
            double[] magnitude = [.. responses[c].Select(v => v.Magnitude)];
            var (start, run) = Run(magnitude);
            int harmonics = run <= transforms.LastOrDefault() ? FirstAliasedHarmonic(Autocorrelation(magnitude, start, run)) : run;
            bands[c] = (start, run, Transform(run, harmonics, transforms, l));
        }
        var classes = Enumerable.Range(0, n).Where(c => bands[c].Transform < l).GroupBy(c => bands[c].Transform).OrderBy(g => g.Key)
            .Select(grp => BandClass(grp.Key, [.. grp], bands, responses, windows, k, stride, framesPerBlock))
            .ToArray();
        return new(k, stride, framesPerBlock, classes, [.. Enumerable.Range(0, n).Where(c => bands[c].Transform >= l)]);
    }

    /// <summary>
    /// Decimated transform sizes Q below the block for stride S: multiples of 128 and of L/gcd(S, L), so that a frame's
    /// shift S·Q/L is a whole number of decimated samples, whose cofactor has no prime above 7 (sizes FFTs do well), from
    /// <see cref="SmallestTransform"/> up; a band of width w then costs a transform only a little above 2w.
    /// </summary>
    public static int[] Transforms(int stride)
    {
        int step = Math.Max(128, BlockLength / (int)System.Numerics.BigInteger.GreatestCommonDivisor(stride, BlockLength));
        return [.. Enumerable.Range(1, BlockLength / step - 1).Select(m => m * step).Where(q => q >= SmallestTransform && Smooth(q / step))];
    }

    /// <summary>
    /// The first harmonic D of |y|² that may alias, from the autocorrelation a(d) = Σ_f |G(f)|·|G(f + d)| over a band
    /// (a(d) = 0 from the band's width on): |y|²'s harmonic d is Σ_f Z(f)·conj(Z(f + d)), bounded by a(d), and the
    /// harmonics from D on, whose bounds sum to at most <see cref="AliasTolerance"/>·a(0), may alias.
    /// </summary>
    public static int FirstAliasedHarmonic(ReadOnlySpan<double> autocorrelation)
    {
        int harmonics = autocorrelation.Length;
        double tail = 0;
        while (harmonics > 1 && tail + 2 * autocorrelation[harmonics - 1] <= AliasTolerance * autocorrelation[0])
            tail += 2 * autocorrelation[--harmonics];
        return harmonics;
    }

    /// <summary>The smallest of <paramref name="transforms"/> holding a band of <paramref name="width"/> bins and 2·D samples, else L.</summary>
    public static int Transform(int width, int harmonics, ReadOnlySpan<int> transforms, int blockLength)
    {
        foreach (int q in transforms) if (q >= Math.Max(width, 2 * harmonics)) return q;
        return blockLength;
    }

    // a(d) = Σ_f |G(f)|·|G(f + d)| over the band's `width` bins from `start` (cyclic), d = 0 … width − 1.
    private static double[] Autocorrelation(ReadOnlySpan<double> magnitude, int start, int width)
    {
        int l = magnitude.Length;
        var band = new double[width];
        for (int i = 0; i < width; i++) band[i] = magnitude[(start + i) % l];
        var a = new double[width];
        for (int d = 0; d < width; d++)
            for (int i = 0; i + d < width; i++) a[d] += band[i] * band[i + d];
        return a;
    }

    private static bool Smooth(int m)
    {
        foreach (int p in new[] { 2, 3, 5, 7 })
            while (m % p == 0) m /= p;
        return m == 1;
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

    private static FastLeafBandClass BandClass(int q, int[] channels, (int Start, int Width, int Transform)[] bands, Complex[][] responses, float[] windows, int k, int stride, int frames)
    {
        int l = BlockLength;
        int rows = Enumerable.Range(1, q).First(r => q % r == 0 && r * r >= q), columns = q / rows; // Q = N2·N1, transform index q = N2·q1 + q2
        int bins = (channels.Max(c => bands[c].Width) + columns - 1) / columns * columns; // a whole number of rows of N1, ≤ Q
        int nc = channels.Length, shift = stride * q / l; // frame j's weights are frame 0's, shifted by S·Q/L samples
        var spectrumIndex = new int[nc * bins];
        var gRe = new float[nc * bins];
        var gIm = new float[nc * bins];
        var pooling = new float[nc * 2 * q * frames];
        for (int i = 0; i < nc; i++)
        {
            int c = channels[i], start = bands[c].Start - (bins - bands[c].Width) / 2;
            for (int m = 0; m < bins; m++)
            {
                int f = ((start + m) % l + l) % l;
                spectrumIndex[i * bins + m] = f;
                gRe[i * bins + m] = (float)responses[c][f].Real;
                gIm[i * bins + m] = (float)responses[c][f].Imaginary;
            }
            // Frame 0's weight of decimated sample p (block position p·L/Q): Σ_v w[v]·D(v − p·L/Q).
            var window = windows.AsSpan(c * k, k);
            var first = new double[q];
            for (int p = 0; p < q; p++)
                for (int v = 0; v < k; v++) first[p] += window[v] * Dirichlet(v - (double)p * l / q, q, l);
            for (int q1 = 0; q1 < columns; q1++)
                for (int q2 = 0; q2 < rows; q2++)
                    for (int j = 0; j < frames; j++)
                    {
                        float a = (float)first[(((rows * q1 + q2) - j * shift) % q + q) % q];
                        // Column of the squared real part (q2, q1) and of the squared imaginary part (q2, N1 + q1).
                        int re = q2 * 2 * columns + q1;
                        pooling[(i * frames + j) * 2 * q + re] = a;
                        pooling[(i * frames + j) * 2 * q + re + columns] = a;
                    }
        }
        return new FastLeafBandClass(channels, q, rows, columns, bins, spectrumIndex, gRe, gIm, pooling);
    }

    /// <summary>
    /// The kernel D(x) of band-limited interpolation from Q samples spaced L/Q apart of an L-periodic signal whose spectrum
    /// lies within ±(Q/2 − 1) bins: D(x) = (1/Q)·Σ_{|k|&lt;Q/2} e^{2πikx/L} = sin(π(Q−1)x/L) / (Q·sin(πx/L)), for real x.
    /// </summary>
    public static double Dirichlet(double x, int q, int l)
    {
        double denominator = q * Math.Sin(Math.PI * x / l);
        return Math.Abs(denominator) < 1e-12 ? (q - 1.0) / q * Math.Cos(Math.PI * (q - 1) * x / l) / Math.Cos(Math.PI * x / l) : Math.Sin(Math.PI * (q - 1) * x / l) / denominator;
    }
}
