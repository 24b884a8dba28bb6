using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Training.Classifiers;
using Leaf.Training.Frontends;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>
/// The modules a user calls (frontends, whole classifiers) make every intermediate tensor of a forward pass inside a dispose
/// scope, which holds it until the pass is done: TorchSharp
/// leaves tensors outside scopes to the finalizer, which another thread's collection can run while libtorch still reads
/// one (docs/platforms.md). Counted with TorchSharp's per-thread statistics.
/// </summary>
public sealed class DisposeScopeDisciplineTests
{
    public static TheoryData<FrontendKind, EncoderKind, LeafAlgorithm> Models()
    {
        var data = new TheoryData<FrontendKind, EncoderKind, LeafAlgorithm>();
        foreach (var kind in Enum.GetValues<FrontendKind>())
            foreach (var encoder in Enum.GetValues<EncoderKind>())
                foreach (var algorithm in kind == FrontendKind.Leaf ? [LeafAlgorithm.Exact, LeafAlgorithm.Fast] : new[] { LeafAlgorithm.Exact })
                    data.Add(kind, encoder, algorithm);
        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ForwardPassesCreateNoTensorOutsideAScope(FrontendKind kind, EncoderKind encoder, LeafAlgorithm algorithm)
    {
        using var model = ClassifierFactory.Create(FrontendDescription.Default(kind),
            new ClassifierOptions { Encoder = encoder, Tasks = [ClassifierTask.WithClassCount("task", 3)] }, algorithm);
        using var x = randn(2, 4000);
        var statistics = DisposeScopeManager.Statistics;
        using var frontend = FrontendFactory.Create(FrontendDescription.Default(kind), algorithm);
        foreach (bool training in new[] { true, false })
        {
            model.train(training);
            frontend.train(training);
            Assert.Equal(0, CreatedOutsideScopes(() => model.forward(x)));
            Assert.Equal(0, CreatedOutsideScopes(() => model.ForwardHeads(x)[0]));
            Assert.Equal(0, CreatedOutsideScopes(() => frontend.forward(x)));
        }
    }

    // Tensors created outside any scope while `run` runs (its result, moved out of the module's scope, is not counted).
    private static long CreatedOutsideScopes(Func<Tensor> run)
    {
        var statistics = DisposeScopeManager.Statistics;
        long before = statistics.CreatedOutsideScopeCount;
        using var result = run();
        return statistics.CreatedOutsideScopeCount - before;
    }
}
