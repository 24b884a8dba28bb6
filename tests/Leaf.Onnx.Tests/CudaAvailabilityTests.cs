using Leaf.Tests.Shared;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Onnx.Tests;

/// <summary>
/// <see cref="CudaAvailability"/> on this project's CI machines, which have no usable CUDA: in the CPU build the
/// provider is absent; in the GPU build (<c>-p:LeafGpu=true</c>) it is listed but cannot be created, and the reason is
/// the library the loader could not find.
/// </summary>
public sealed class CudaAvailabilityTests
{
    [Fact]
    public void WithoutUsableCudaTheProblemIsOneLineNamingWhatIsMissingAndTheVersionsNeeded()
    {
        string? problem = CudaAvailability.Problem(0);
        Assert.NotNull(problem);
        Assert.DoesNotContain('\n', problem);
        Assert.All(CudaBuild.MessageParts, part => Assert.Contains(part, problem));
        Assert.Equal(CudaBuild.IsGpuBuild, OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider"));
        if (CudaBuild.IsGpuBuild && OperatingSystem.IsLinux())
            Assert.Matches(@"could not load its CUDA provider \(lib[\w.+-]+\.so[.\d]*: cannot open shared object file\)", problem);
    }

    [Fact]
    public void TheAnswerIsCachedPerDevice()
    {
        Assert.Same(CudaAvailability.Problem(0), CudaAvailability.Problem(0));
        Assert.Contains("cuda:3", CudaAvailability.Problem(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => CudaAvailability.Problem(-1));
    }

    [Fact]
    public void RequireThrowsNotSupportedWithTheFallback()
    {
        var e = Assert.Throws<NotSupportedException>(() => CudaAvailability.Require(0, "or use the CPU"));
        Assert.EndsWith("; or use the CPU", e.Message);
    }

    [Fact]
    public void TheStatedRequirementIsTheOneOfThisOnnxRuntime()
    {
        // ONNX Runtime GPU 1.32 is built for CUDA 13 and cuDNN 9; a package update must revisit CudaAvailability.Requirement.
        Assert.StartsWith("1.32.", OrtEnv.Instance().GetVersionString());
        Assert.Equal("CUDA 13 and cuDNN 9", CudaAvailability.Requirement);
    }
}
