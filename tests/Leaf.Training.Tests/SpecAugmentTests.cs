using Leaf.Frontends;
using Leaf.Training.Classifiers;
using Leaf.Training.Frontends;
using Leaf.Training.TorchSharpWorkarounds;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

public class SpecAugmentTests
{
    // Contiguous runs of true values.
    private static List<int> Runs(bool[] mask)
    {
        var runs = new List<int>();
        for (int i = 0; i < mask.Length; i++)
            if (mask[i] && (i == 0 || !mask[i - 1])) runs.Add(mask.Skip(i).TakeWhile(m => m).Count());
        return runs;
    }

    [Fact]
    public void MasksAtMostTwoBandsAndTwoSpansOfAtMostTenPerExample()
    {
        using var augment = new SpecAugment(new SpecAugmentOptions());
        augment.train();
        using var scope = NewDisposeScope();
        manual_seed(5);
        var y = augment.forward(ones(16, 40, 100));
        int masked = 0;
        for (int b = 0; b < 16; b++)
        {
            var example = y[b];
            Assert.True(example.EqualTo(0).logical_or(example.EqualTo(1)).all().item<bool>());
            bool[] zeroChannels = example.EqualTo(0).all(1).data<bool>().ToArray();
            bool[] zeroFrames = example.EqualTo(0).all(0).data<bool>().ToArray();
            // Two masks may overlap or touch, so a run is at most 2 × 10 and there are at most two of them.
            Assert.True(Runs(zeroChannels).Count <= 2 && Runs(zeroChannels).All(r => r <= 20));
            Assert.True(Runs(zeroFrames).Count <= 2 && Runs(zeroFrames).All(r => r <= 20));
            // Every zero lies in a masked channel or a masked frame.
            var explained = tensor(zeroChannels).unsqueeze(1).logical_or(tensor(zeroFrames).unsqueeze(0));
            Assert.True(example.EqualTo(0).eq(explained).all().item<bool>());
            masked += zeroChannels.Count(z => z) + zeroFrames.Count(z => z);
        }
        Assert.True(masked > 0, "16 examples drew no mask at all");
    }

    [Fact]
    public void IsAnIdentityOutsideTrainingAndSeedable()
    {
        using var augment = new SpecAugment(new SpecAugmentOptions());
        using var scope = NewDisposeScope();
        var x = rand(2, 40, 30);
        augment.eval();
        Assert.True(TestSignals.Identical(augment.forward(x), x));
        augment.train();
        manual_seed(1);
        var a = augment.forward(x);
        manual_seed(1);
        Assert.True(TestSignals.Identical(a, augment.forward(x)));
    }

    [Fact]
    public void TheClassifierAppliesItOnlyWhenTraining()
    {
        var options = ClassifierOptions.SingleTask(["a", "b"]);
        manual_seed(0);
        using var plain = ClassifierFactory.Create(new FrontendDescription(), options);
        manual_seed(0);
        using var augmented = ClassifierFactory.Create(new FrontendDescription(), options with { SpecAugment = new SpecAugmentOptions() });
        using var scope = NewDisposeScope();
        var x = randn(2, 4000).Times(0.1);
        plain.eval();
        augmented.eval();
        Assert.True(TestSignals.Identical(plain.Embed(x), augmented.Embed(x)));
        plain.train();
        augmented.train();
        manual_seed(3);
        Assert.False(TestSignals.Identical(plain.Embed(x), augmented.Embed(x)));
    }
}
