using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>Compares autograd gradients with central finite differences (float64).</summary>
internal static class FiniteDifference
{
    /// <summary>
    /// For every element of each tensor in <paramref name="variables"/> (leaf tensors requiring grad, float64), checks
    /// d loss/d v against (loss(v + h) − loss(v − h))/2h to <paramref name="tolerance"/>, relative to max(1, |numeric|)·scale.
    /// </summary>
    public static void Check(Func<Tensor> loss, IEnumerable<(string Name, Tensor Variable)> variables, double h = 1e-6, double tolerance = 1e-6, int maxElementsPerVariable = 12)
    {
        using var scope = NewDisposeScope();
        var list = variables.ToList();
        foreach (var (_, v) in list) v.grad?.zero_();
        loss().backward();
        foreach (var (name, v) in list)
        {
            Assert.True(v.dtype == ScalarType.Float64, $"{name} must be float64 for a finite-difference check");
            var analytic = v.grad!.clone().reshape(-1);
            var flat = v.detach().reshape(-1); // shares storage with v
            long count = flat.shape[0];
            long step = Math.Max(1, count / maxElementsPerVariable);
            double scale = Math.Max(1e-12, analytic.abs().max().item<double>());
            for (long i = 0; i < count; i += step)
            {
                double numeric;
                using (no_grad())
                {
                    double original = flat[i].item<double>();
                    flat[i] = original + h;
                    double up = loss().item<double>();
                    flat[i] = original - h;
                    double down = loss().item<double>();
                    flat[i] = original;
                    numeric = (up - down) / (2 * h);
                }
                double a = analytic[i].item<double>();
                Assert.True(Math.Abs(a - numeric) <= tolerance * Math.Max(scale, Math.Abs(numeric)),
                    $"{name}[{i}]: autograd {a:R}, finite difference {numeric:R}");
            }
        }
    }

    /// <summary>The named parameters of a module that require gradients.</summary>
    public static IEnumerable<(string, Tensor)> Trainable(nn.Module module) =>
        module.named_parameters().Where(p => p.parameter.requires_grad).Select(p => (p.name, (Tensor)p.parameter));

    /// <summary>A fixed random projection of an output to a scalar, so every output element matters.</summary>
    public static Func<Tensor> Projected(Func<Tensor> output, long seed = 11)
    {
        using var scope = NewDisposeScope();
        var shape = output().detach().shape;
        var generator = new Generator((ulong)seed);
        var weights = randn(shape, ScalarType.Float64, generator: generator).MoveToOuterDisposeScope();
        return () => (output() * weights).sum();
    }
}
