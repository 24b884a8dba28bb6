using System.Security.Cryptography;

namespace Leaf.Audio.Tests;

/// <summary>
/// The resampler rounds the same way on every CPU, so that files synthesised with a fixed seed (espeak-ng's 22.05 kHz
/// speech resampled to 16 kHz) are the same bytes on every machine: the shipped models' tests regenerate their test
/// files and compare hashes. With a CPU-dependent dot product, AVX-512 and AVX2 machines gave different files.
/// </summary>
public class ResamplerPortabilityTests
{
    private static float[] Chirp(int n, int rate) =>
        [.. Enumerable.Range(0, n).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * (100 + 3000.0 * i / n) * i / rate) + 0.25 * Math.Sin(0.37 * i)))];

    [Fact]
    public void ResamplingGivesTheSameBitsOnEveryMachine()
    {
        float[] output = PolyphaseResampler.Resample(Chirp(22050, 22050), 22050, 16000);
        string hash = Convert.ToHexStringLower(SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(output.AsSpan())));
        Assert.Equal(16000, output.Length);
        Assert.True(hash == ExpectedHash, $"resampled bits changed: SHA-256 {hash}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(1001)]
    public void TheFixedOrderDotIsTheDotProductWithinFloatRounding(int length)
    {
        var random = new Random(length);
        float[] x = [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5))];
        float[] y = [.. Enumerable.Range(0, length + 2).Select(_ => (float)(random.NextDouble() - 0.5))];
        double exact = 0, magnitude = 0;
        for (int i = 0; i < length; i++) { exact += (double)x[i] * y[i]; magnitude += Math.Abs((double)x[i] * y[i]); }
        // Standard bound for a float sum of n products: n·u·Σ|x·y|, u = 2^-24
        Assert.InRange(PortableDot.Of(x, y) - exact, -length * Math.Pow(2, -24) * magnitude, length * Math.Pow(2, -24) * magnitude);
    }

    /// <summary>SHA-256 of the float32 output above, measured once (on an AVX2 machine); a CPU-dependent dot product changes it.</summary>
    private const string ExpectedHash = "2218c7ac7cf1154d5497b506470c10663f180b56b877c36a2f625af1f45a092a";
}
