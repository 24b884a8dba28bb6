using Leaf.Frontends;
using Leaf.Training.Frontends;
using TorchSharp;
using Xunit.Abstractions;

namespace Leaf.Onnx.Tests;

/// <summary>
/// The TorchSharp engine's chunked and streamed featurization (<see cref="FrontendStream"/>) against its own
/// <c>forward</c> on the whole signal: every kind of the export tests, both LEAF algorithms.
/// </summary>
public sealed class TorchFrontendStreamTests(ITestOutputHelper output)
{
    public static TheoryData<string, LeafAlgorithm> Cases() => StreamingFrontendTests.Cases();

    /// <summary>
    /// Lengths from the minimum up, pushed in pieces of 1, 159, 161 and random sizes through segments of random length
    /// (12–16 K samples, so that long signals cross several), length known and live: the frames of one <c>forward</c> on
    /// the whole signal (on the padded signal for a live stream whose grid follows the length), within float rounding —
    /// libtorch's convolutions and GEMMs round differently with the input's length (unlike ONNX Runtime's, which
    /// <see cref="StreamingFrontendTests"/> shows bit for bit), so the frames differ from the offline run's by a few
    /// units in the last place of the features' scale: measured ≤ 1.1e-5 of max(|offline|, 1) (mel, and the fast LEAF
    /// with instance norm), ≤ 1.9e-6 for LEAF otherwise.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void PiecesGiveTheFramesOfForwardOnTheWholeSignal(string name, LeafAlgorithm algorithm)
    {
        var d = ExportCases.All[name];
        using var frontend = FrontendFactory.Create(d, algorithm);
        frontend.eval();
        var random = new Random(name.Length * 37 + (int)algorithm);
        bool followsLength = FrameSupport.For(d, algorithm).GridFollowsLength;
        var differences = new Differences();
        foreach (int length in new[] { frontend.MinimumSamples, frontend.MinimumSamples + 161, 9000 + random.Next(3000), 30000 + random.Next(9000) })
        {
            float[] signal = StreamingFrontendTests.Signal(random, length);
            float[] expected = Forward(frontend, signal);
            float[] live = followsLength && length % d.Stride != 0 ? Forward(frontend, [.. signal, .. new float[d.Stride - length % d.Stride]]) : expected;
            foreach (int piece in new[] { 1, 159, 161, 1 + random.Next(3000) })
            {
                if (piece == 1 && length > 1000) continue; // one-sample pushes are covered by the shortest signals
                foreach (bool known in new[] { true, false })
                {
                    if (!known && frontend.InstanceNorm is not null) continue; // cannot stream: NormalizationNeedsTheLength
                    var options = new FrontendStreamOptions { TotalSamples = known ? length : null, ChunkSamples = 3 * 4096 + random.Next(4096) };
                    float[] actual = StreamingFrontendTests.Streamed(new FrontendStream(frontend, options), signal, piece);
                    float[] reference = known ? expected : live;
                    differences.Add(actual, reference);
                }
            }
        }
        output.WriteLine($"{name} {algorithm}: {differences}");
        Assert.InRange(differences.Absolute, 0, 3e-5);
    }

    [Fact]
    public void AWarmStartedPcenAndALiveInstanceNormAreRefused()
    {
        using var warm = FrontendFactory.Create(ExportCases.All["leaf-warm-start"]);
        Assert.Contains("warmStart", Assert.Throws<NotSupportedException>(() => new FrontendStream(warm)).Message, StringComparison.Ordinal);
        using var norm = FrontendFactory.Create(ExportCases.All["leaf-preemphasis-instancenorm"]);
        Assert.Contains("TotalSamples", Assert.Throws<NotSupportedException>(() => new FrontendStream(norm)).Message, StringComparison.Ordinal);
        using var stream = new FrontendStream(norm, new FrontendStreamOptions { TotalSamples = 1000 });
        Assert.Contains("1000", Assert.Throws<InvalidOperationException>(() => stream.Push(new float[1001], (_, _) => { })).Message, StringComparison.Ordinal);
    }

    private static float[] Forward(Frontend frontend, float[] signal)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        return frontend.forward(torch.tensor(signal).unsqueeze(0)).data<float>().ToArray();
    }
}
