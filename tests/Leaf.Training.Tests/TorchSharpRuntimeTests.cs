using Leaf.Training.TorchSharpWorkarounds;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>Proves the patched libLibTorchSharp.so loads here and that autograd is right (README, "Platform notes").</summary>
public class TorchSharpRuntimeTests
{
    [Fact]
    public void Conv1dGradientMatchesFiniteDifference()
    {
        using var scope = NewDisposeScope();
        manual_seed(7);
        var x = randn(2, 3, 50, dtype: float64);
        var w = randn(4, 3, 5, dtype: float64).requires_grad_();
        Func<Tensor, Tensor> loss = weight => nn.functional.conv1d(x, weight, padding: 2).Squared().sum();
        loss(w).backward();
        var analytic = w.grad!.clone();

        using (no_grad())
        {
            const double h = 1e-6;
            var flat = w.detach().clone().reshape(-1);
            for (int i = 0; i < flat.shape[0]; i += 7)
            {
                double orig = flat[i].item<double>();
                flat[i] = orig + h;
                double up = loss(flat.reshape(4, 3, 5)).item<double>();
                flat[i] = orig - h;
                double down = loss(flat.reshape(4, 3, 5)).item<double>();
                flat[i] = orig;
                double numeric = (up - down) / (2 * h);
                double a = analytic.reshape(-1)[i].item<double>();
                Assert.True(Math.Abs(a - numeric) <= 1e-5 * Math.Max(1, Math.Abs(numeric)), $"weight {i}: autograd {a}, finite difference {numeric}");
            }
        }
    }

    [Fact]
    public void CudaRequestedWithoutCudaFailsClearly()
    {
        if (TorchRuntime.CudaAvailable) return; // only meaningful with the CPU package
        var e = Assert.Throws<InvalidOperationException>(() => TorchRuntime.Device("cuda:0"));
        Assert.Contains("no CUDA", e.Message);
    }
}
