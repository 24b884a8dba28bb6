using Leaf.Frontends;

namespace Leaf.Frontends.Tests;

/// <summary>docs/frontends.md "Defaults and frame arithmetic": window, stride, frame counts and TF SAME padding.</summary>
public class FrameMathTests
{
    [Theory]
    [InlineData(16000, 25.0, 10.0, 401, 160)]
    [InlineData(24000, 32.0, 10.0, 769, 240)]
    public void WindowAndStride(int sampleRate, double windowMs, double strideMs, int k, int s)
    {
        Assert.Equal(k, FrameMath.WindowLength(sampleRate, windowMs));
        Assert.Equal(s, FrameMath.Stride(sampleRate, strideMs));
    }

    [Theory]
    [InlineData(16000, 100)]
    [InlineData(16001, 101)]
    [InlineData(8000, 50)]
    [InlineData(401, 3)]
    [InlineData(1, 1)]
    public void SameFrameCounts(int samples, int frames) => Assert.Equal(frames, FrameMath.SameOutputLength(samples, 160));

    [Theory]
    [InlineData(16000, 401, 160, 120, 121)]
    [InlineData(16001, 401, 160, 200, 200)]
    [InlineData(1, 401, 160, 200, 200)]
    [InlineData(16000, 401, 1, 200, 200)]
    [InlineData(16000, 400, 1, 199, 200)] // even K: (K/2 − 1, K/2), docs/frontends.md "Defaults and frame arithmetic"
    [InlineData(500, 2, 1, 0, 1)]         // pre-emphasis: one zero on the right
    public void SamePadding(int samples, int kernel, int stride, int left, int right) =>
        Assert.Equal((left, right), FrameMath.SamePadding(samples, kernel, stride));

    [Fact]
    public void SamePaddingCentresFrameIOnSampleIS80ForOneSecond()
    {
        // Frame i covers x[i·S − left … i·S − left + K − 1]: its centre is i·160 + 80 for T = 16000 (docs/frontends.md "Gaussian pooling").
        var (left, _) = FrameMath.SamePadding(16000, 401, 160);
        Assert.Equal(50 * 160 + 80, 50 * 160 - left + 200);
    }

    [Theory]
    [InlineData(16000, 401, 160, 98)]
    [InlineData(400, 401, 160, 0)]
    [InlineData(401, 401, 160, 1)]
    public void ValidFrameCounts(int samples, int kernel, int stride, int frames) =>
        Assert.Equal(frames, FrameMath.ValidOutputLength(samples, kernel, stride));
}
