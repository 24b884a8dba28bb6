using Leaf.Frontends;
using Leaf.Tests;
using Leaf.Training.Fitting;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

public class CheckpointTests
{
    // Moves every trainable parameter so the round trips cannot pass by reproducing the initialisation.
    private static void Train(LeafFrontend leaf, int steps = 3)
    {
        using var scope = NewDisposeScope();
        using var adam = new HeldScalarAdam(leaf.parameters(), 0.01);
        manual_seed(6);
        var x = randn(2, 4000).Times(0.1);
        for (int i = 0; i < steps; i++)
        {
            adam.zero_grad();
            leaf.forward(x).Squared().mean().backward();
            adam.step();
            leaf.ApplyConstraints();
        }
    }

    [Fact]
    public void StateDictSaveAndLoadRoundTripsExactly()
    {
        var d = new FrontendDescription { PreEmphasis = true, InstanceNorm = true };
        using var trained = new LeafFrontend(d);
        Train(trained);
        string path = Path.Combine(Path.GetTempPath(), $"leaf-{Guid.NewGuid():N}.dat");
        try
        {
            trained.save(path);
            using var restored = new LeafFrontend(d);
            restored.load(path);
            using var scope = NewDisposeScope();
            foreach (var (name, p) in trained.state_dict())
                Assert.True(TestSignals.Identical(p, restored.state_dict()[name]), name);
            var x = randn(2, 5000).Times(0.1);
            Assert.True(TestSignals.Identical(trained.forward(x), restored.forward(x)));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void DescriptionJsonRoundTripsToIdenticalOutputs(bool learnLogs)
    {
        var d = new FrontendDescription { Pcen = new PcenOptions { LearnLogs = learnLogs } };
        using var trained = new LeafFrontend(d);
        Train(trained);
        var description = trained.ToDescription();
        Assert.NotEqual(d.WithInitialParameters().Parameters[ParameterNames.PcenDelta], description.Parameters[ParameterNames.PcenDelta]);
        var parsed = FrontendDescription.FromJson(description.ToJson());
        Assert.Equal(description, parsed with { Parameters = description.Parameters });
        Assert.Equal(description.Parameters, parsed.Parameters);
        using var rebuilt = new LeafFrontend(parsed);
        using var scope = NewDisposeScope();
        var x = randn(2, 5000).Times(0.1);
        if (learnLogs)
        {
            // Logs are stored as float32 logs of the float32 linear values: exp(log(v)) may move v by an ulp.
            Assert.True(trained.forward(x).allclose(rebuilt.forward(x), rtol: 1e-5, atol: 1e-7));
        }
        else
        {
            Assert.True(TestSignals.Identical(trained.forward(x), rebuilt.forward(x)));
        }
    }

    [Fact]
    public void StableModeDescriptionHoldsLinearValuesAndMatchesTheReferenceMode()
    {
        var golden = GoldenDescriptions.For("perturbed");
        using var reference = new LeafFrontend(golden);
        using var stable = new LeafFrontend(golden with { Pcen = golden.Pcen with { LearnLogs = true } });
        Assert.Contains("compression.log_delta", stable.state_dict().Keys);
        var linear = stable.ToDescription().Parameters;
        foreach (var name in new[] { ParameterNames.PcenAlpha, ParameterNames.PcenDelta, ParameterNames.PcenRoot, ParameterNames.PcenSmoothing })
        {
            var expected = golden.Parameters[name].Values;
            var actual = linear[name].Values;
            for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-6f * expected[i]);
        }
        using var scope = NewDisposeScope();
        var x = tensor(Leaf.Tests.Golden.Load("chirp__input").Data).unsqueeze(0);
        Assert.True(reference.forward(x).allclose(stable.forward(x), rtol: 1e-5, atol: 2e-7));
    }
}
