using Leaf.Frontends;
using Leaf.Training.Frontends;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>Small helpers shared by the frontend tests.</summary>
internal static class TestSignals
{
    /// <summary>x[n] = amplitude·sin(2π·f·n/sr), n = 0…length−1, as a [1, length] float32 tensor.</summary>
    public static Tensor Tone(double hz, int length = 16000, int sampleRate = 16000, double amplitude = 0.5) =>
        tensor(Enumerable.Range(0, length).Select(n => (float)(amplitude * Math.Sin(2 * Math.PI * hz * n / sampleRate))).ToArray()).unsqueeze(0);

    /// <summary>A unit impulse at <paramref name="position"/>, as [1, length].</summary>
    public static Tensor Impulse(int position, int length = 16000)
    {
        var x = new float[length];
        x[position] = 1;
        return tensor(x).unsqueeze(0);
    }

    /// <summary>The values of a tensor as float32 in C order.</summary>
    public static float[] Floats(Tensor t) => ParameterValues.ToFloats(t);

    /// <summary>Same shape and bitwise-equal values.</summary>
    public static bool Identical(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    /// <summary>LEAF with the paper's initialisation.</summary>
    public static LeafFrontend DefaultLeaf() => new(new FrontendDescription());
}
