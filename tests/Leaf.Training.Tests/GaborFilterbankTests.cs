using Leaf.Frontends;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Filterbanks;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

public class GaborFilterbankTests
{
    [Theory]
    [InlineData(401)]
    [InlineData(400)]
    public void ImpulseResponsesEqualThePureReference(int k)
    {
        // Includes a centre past π and widths past both bounds, which the forward pass clips.
        float[] centers = [0.04f, 1.3f, 4f, 2.87f], widths = [95.9f, 200f, 0.5f, 8.34f];
        using var bank = new GaborFilterbank(centers, widths, k);
        using var scope = NewDisposeScope();
        var (re, im) = bank.ImpulseResponses();
        var (expectedRe, expectedIm) = GaborKernels.ImpulseResponses(centers, widths, k);
        // Absolute comparison against the peak: float32 phases η·t carry an error of ~|η·t|·6e-8 rad (≤ 4e-5 at t = 200),
        // so near-zero values of sin/cos cannot agree relatively.
        double peak = expectedRe.Max(Math.Abs);
        double errorRe = re.data<float>().ToArray().Zip(expectedRe).Max(p => Math.Abs(p.First - p.Second)) / peak;
        double errorIm = im.data<float>().ToArray().Zip(expectedIm).Max(p => Math.Abs(p.First - p.Second)) / peak;
        Assert.True(errorRe < 1e-6 && errorIm < 1e-6, $"worst error relative to the peak: {errorRe}, {errorIm}");
    }

    [Theory]
    [InlineData(11)]
    [InlineData(10)]
    public void ConvolutionIsTfSameCrossCorrelationWithInterleavedChannels(int k)
    {
        // y_c[m] = Σ_j x[m + j − padLeft]·w_c[j] with padLeft = ⌊(K−1)/2⌋ (TF SAME, stride 1); rows 2n, 2n+1 = Re, Im.
        float[] centers = [0.3f, 2.0f], widths = [2.5f, 1.7f];
        using var bank = new GaborFilterbank(centers, widths, k);
        bank.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var random = new Random(k);
        var x = Enumerable.Range(0, 37).Select(_ => random.NextDouble() - 0.5).ToArray();
        var y = bank.forward(tensor(x).unsqueeze(0))[0];
        var (re, im) = GaborKernels.ImpulseResponses(centers, widths, k);
        int padLeft = (k - 1) / 2;
        for (int c = 0; c < 4; c++)
        {
            var w = (c % 2 == 0 ? re : im).AsSpan((c / 2) * k, k);
            for (int m = 0; m < x.Length; m++)
            {
                double sum = 0;
                for (int j = 0; j < k; j++)
                {
                    int n = m + j - padLeft;
                    if (n >= 0 && n < x.Length) sum += x[n] * w[j];
                }
                Assert.Equal(sum, y[c, m].item<double>(), 1e-6); // the reference kernels are float32
            }
        }
    }

    [Fact]
    public void GradientsMatchFiniteDifferences()
    {
        using var bank = new GaborFilterbank([0.3f, 1.1f, 2.5f], [3.1f, 6.5f, 2.2f], 25);
        bank.to(ScalarType.Float64);
        using var scope = NewDisposeScope();
        var x = randn(2, 60, dtype: ScalarType.Float64);
        var modulus = new SquaredModulus();
        var loss = FiniteDifference.Projected(() => modulus.forward(bank.forward(x)));
        FiniteDifference.Check(loss, FiniteDifference.Trainable(bank));
    }

    [Fact]
    public void ApplyConstraintsProjectsTheStoredParametersWithoutChangingTheOutput()
    {
        using var bank = new GaborFilterbank([4f, -0.5f, 1f], [1000f, 0.1f, 10f], 401);
        using var scope = NewDisposeScope();
        var x = randn(1, 500);
        var before = bank.forward(x);
        bank.ApplyConstraints();
        Assert.Equal([MathF.PI, 0f, 1f], bank.Centers);
        Assert.Equal([(float)GaborConstraint.MaxWidth(401), (float)GaborConstraint.MinWidth, 10f], bank.Widths);
        Assert.True(before.allclose(bank.forward(x), rtol: 1e-6, atol: 1e-9));
        Assert.All(bank.parameters(), p => Assert.True(p.requires_grad));
    }

    [Fact]
    public void FrozenFiltersAndBadInputs()
    {
        using var frozen = new GaborFilterbank([1f], [5f], 401, learn: false);
        Assert.All(frozen.parameters(), p => Assert.False(p.requires_grad));
        Assert.Equal(["center", "width"], frozen.named_parameters().Select(p => p.name));
        Assert.Contains("[batch, samples ≥ 1]", Assert.Throws<ArgumentException>(() => frozen.forward(zeros(5))).Message);
        Assert.Contains("2 widths", Assert.Throws<ArgumentException>(() => new GaborFilterbank([1f], [5f, 6f], 401)).Message);
    }
}
