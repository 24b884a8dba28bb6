using Leaf.Training.Fitting;
using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

public sealed class HeldScalarAdamTests
{
    [Fact]
    public void StepsFollowAdamWithL2DecayPerGroup()
    {
        // Loss ½Σ(c·θ²) has gradient c·θ; two groups with their own rate and weight decay, four steps, against Adam in doubles.
        double[] start = [0.5, -1.5, 2.0], curvature = [1.0, 3.0, 0.2];
        (double Rate, double Decay)[] groups = [(0.1, 0.0), (0.03, 0.01)];
        using var scope = NewDisposeScope();
        var parameters = groups.Select(_ => new TorchSharp.Modules.Parameter(tensor(start, dtype: ScalarType.Float64))).ToArray();
        using var adam = new HeldScalarAdam(groups.Select((g, i) => new TorchSharp.Modules.Adam.ParamGroup([parameters[i]], lr: g.Rate, weight_decay: g.Decay)), 1.0);
        var weights = tensor(curvature, dtype: ScalarType.Float64);
        for (int step = 0; step < 4; step++)
        {
            adam.zero_grad();
            foreach (var p in parameters) p.Squared().mul(weights).sum().Times(0.5).backward();
            adam.step();
        }
        for (int g = 0; g < groups.Length; g++)
        {
            double[] expected = ReferenceAdam(start, curvature, groups[g].Rate, groups[g].Decay, steps: 4);
            double[] actual = parameters[g].data<double>().ToArray();
            for (int i = 0; i < start.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
        }
    }

    [Fact]
    public void ParametersWithoutAGradientKeepTheirValue()
    {
        using var scope = NewDisposeScope();
        var used = new TorchSharp.Modules.Parameter(ones(2));
        var unused = new TorchSharp.Modules.Parameter(ones(2));
        using var adam = new HeldScalarAdam([used, unused], 0.1);
        used.sum().backward();
        adam.step();
        Assert.Equal([1f, 1f], unused.data<float>().ToArray());
        Assert.All(used.data<float>().ToArray(), v => Assert.Equal(0.9f, v, 1e-6f));   // the first step moves each weight by the rate
    }

    [Fact]
    public void VariantsItDoesNotImplementAreRefused()
    {
        using var scope = NewDisposeScope();
        var p = new TorchSharp.Modules.Parameter(ones(2));
        var e = Assert.Throws<NotSupportedException>(() => new HeldScalarAdam([new TorchSharp.Modules.Adam.ParamGroup([p], amsgrad: true)], 0.1));
        Assert.Contains("AMSGrad", e.Message);
    }

    // Kingma and Ba's Algorithm 1 with the L2 term added to the gradient, β = (0.9, 0.999), ε = 1e-8.
    private static double[] ReferenceAdam(double[] start, double[] curvature, double rate, double decay, int steps)
    {
        double[] theta = [.. start], m = new double[start.Length], v = new double[start.Length];
        for (int t = 1; t <= steps; t++)
            for (int i = 0; i < theta.Length; i++)
            {
                double g = curvature[i] * theta[i] + decay * theta[i];
                m[i] = 0.9 * m[i] + 0.1 * g;
                v[i] = 0.999 * v[i] + 0.001 * g * g;
                double mHat = m[i] / (1 - Math.Pow(0.9, t)), vHat = v[i] / (1 - Math.Pow(0.999, t));
                theta[i] -= rate * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
        return theta;
    }
}
