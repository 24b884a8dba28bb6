namespace Leaf.Frontends;

/// <summary>Window, stride, frame-count and TensorFlow <c>SAME</c> padding arithmetic (docs/frontends.md "Defaults and frame arithmetic").</summary>
public static class FrameMath
{
    /// <summary>Kernel length K = int(sr·ms // 1000 + 1): 401 at 16 kHz and 25 ms.</summary>
    public static int WindowLength(int sampleRate, double windowMs) => (int)(Math.Floor(sampleRate * windowMs / 1000.0) + 1);

    /// <summary>Stride S = int(sr·ms // 1000): 160 at 16 kHz and 10 ms.</summary>
    public static int Stride(int sampleRate, double strideMs) => (int)Math.Floor(sampleRate * strideMs / 1000.0);

    /// <summary>Output length of a TF <c>SAME</c> operation: ⌈T/S⌉.</summary>
    public static int SameOutputLength(int inputLength, int stride) => (inputLength + stride - 1) / stride;

    /// <summary>
    /// TF <c>SAME</c> padding: pad_total = max((out−1)·S + K − T, 0), left = ⌊total/2⌋, right = the rest.
    /// For K = 401, S = 160: T = 16000 gives (120, 121) and T = 16001 gives (200, 200).
    /// </summary>
    public static (int Left, int Right) SamePadding(int inputLength, int kernel, int stride)
    {
        int outLength = SameOutputLength(inputLength, stride);
        int total = Math.Max((outLength - 1) * stride + kernel - inputLength, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>Output length of a <c>VALID</c> operation: ⌊(T − K)/S⌋ + 1 (0 when T &lt; K).</summary>
    public static int ValidOutputLength(int inputLength, int kernel, int stride) =>
        inputLength < kernel ? 0 : (inputLength - kernel) / stride + 1;
}
