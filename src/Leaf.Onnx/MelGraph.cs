using Leaf.Frontends;

namespace Leaf.Onnx;

/// <summary>
/// The mel baseline (docs/frontends.md "Baselines"): |STFT|² of TF's <c>stft(frame L, step S, fft, pad_end=True)</c> with its Hann window,
/// as a strided convolution with a windowed DFT basis, times TF's mel matrix, then log(x + 1e-5) (no floor).
/// </summary>
internal static class MelGraph
{
    public static FrontendGraphResult Build(OnnxGraphBuilder g, string waveform, FrontendDescription d)
    {
        int frame = d.WindowLength, bins = d.FftSize / 2 + 1;
        string x = FrontendGraphStages.AsSingleChannel(g, waveform);
        // Frames start at sample 0 (frame i = samples [i·S, i·S + L)); L − 1 zeros at the end give exactly ⌈T/S⌉ frames,
        // the zero padding of pad_end.
        string basis = g.AddConstant("dft_basis", Array.ConvertAll(StftBasis.Windowed(frame, d.FftSize), v => (float)v), 2 * bins, 1, frame);
        string spectrum = g.Conv(x, basis, stride: d.Stride, pads: [0, frame - 1]);
        string parts = g.Reshape(g.Mul(spectrum, spectrum), 0, 2, bins, -1);
        string power = g.ReduceSum(parts, [1], keepDims: false); // re² + im², [batch, bins, F]

        float[,] mel = MelFilterbank.Weights(d.FilterCount, d.FftSize, d.SampleRate, d.MinFrequency, d.MaxFrequency);
        string melT = g.AddConstant("mel_weights", Transposed(mel), bins, d.FilterCount);
        string energies = g.MatMul(FrontendGraphStages.FramesFirst(g, power), melT); // [batch, F, N]
        return new(FrontendGraphStages.LogCompression(g, energies), null);
    }

    // [N, bins] → [bins, N], row-major.
    private static float[] Transposed(float[,] m)
    {
        int rows = m.GetLength(0), cols = m.GetLength(1);
        var t = new float[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) t[c * rows + r] = m[r, c];
        return t;
    }
}
