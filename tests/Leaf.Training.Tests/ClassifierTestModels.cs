using Leaf.Frontends;
using Leaf.Frontends.Classifiers;
using Leaf.Training.Classifiers;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>Small classifiers, non-trivial normalisation statistics and a reference evaluator of classifier descriptions.</summary>
internal static class ClassifierTestModels
{
    public static readonly ClassifierTask Scenes = new("scenes", ["park", "street", "metro"]);
    public static readonly ClassifierTask Birds = ClassifierTask.WithClassCount("birds", 2);

    public static AudioClassifier Create(EncoderKind encoder, FrontendKind frontend = FrontendKind.Leaf, params ClassifierTask[] tasks) =>
        Create(encoder, frontend, standardize: false, tasks);

    public static AudioClassifier Create(EncoderKind encoder, FrontendKind frontend, bool standardize, params ClassifierTask[] tasks) =>
        ClassifierFactory.Create(FrontendDescription.Default(frontend),
            new ClassifierOptions { Encoder = encoder, Tasks = tasks.Length > 0 ? tasks : [Scenes], StandardizeFeatures = standardize });

    /// <summary>Logits of each head of <paramref name="d"/> for frontend features [batch, frames, N], by interpreting its layers with plain tensor ops.</summary>
    public static Tensor[] EvaluateDescription(ClassifierDescription d, Tensor features)
    {
        using var scope = NewDisposeScope();
        var x = d.Layers.Aggregate(features.unsqueeze(1), Apply);
        var embedding = x.amax([2, 3]);
        return d.Heads.Select(h => nn.functional.linear(embedding, Tensor(h.Weight), Tensor(h.Bias)).MoveToOuterDisposeScope()).ToArray();
    }

    private static Tensor Apply(Tensor x, EncoderLayer layer) => layer switch
    {
        ConvLayer c => c.Activation.Apply(nn.functional.conv2d(
            nn.functional.pad(x, [c.Padding[1], c.Padding[3], c.Padding[0], c.Padding[2]]), // torch pads the last axis first
            Tensor(c.Weight), Tensor(c.Bias), [c.Stride[0], c.Stride[1]], groups: c.Groups)),
        MaxPoolLayer p => nn.functional.max_pool2d(x, [p.Kernel[0], p.Kernel[1]], [p.Stride[0], p.Stride[1]], ceil_mode: p.CeilMode),
        SqueezeExcitationLayer s => x * Apply(Apply(x.mean([2, 3], keepdim: true), s.Reduce), s.Expand),
        ResidualLayer r => x.Plus(r.Layers.Aggregate(x, Apply)),
        StandardizeLayer s => Standardize(x, s.Epsilon),
        _ => throw new NotSupportedException(layer.GetType().Name),
    };

    // (x − mean) / √(var + ε) per example, from torch's own biased variance.
    private static Tensor Standardize(Tensor x, double epsilon)
    {
        var flat = x.flatten(1);
        var (variance, mean) = var_mean(flat, [1L], unbiased: false, keepdim: true);
        return ((flat - mean) / variance.Plus(epsilon).sqrt()).view(x.shape);
    }

    private static Tensor Tensor(ParameterTensor p) => tensor(p.Values, p.Shape.Select(s => (long)s).ToArray());
}
