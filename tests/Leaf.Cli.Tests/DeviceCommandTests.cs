using Leaf.Tests.Shared;

namespace Leaf.Cli.Tests;

/// <summary>
/// <c>--device cuda</c> on a machine without a usable CUDA (the CI machines; in the CPU build and in the GPU build
/// alike): every command that has the option stops with exit code 1 and one line saying what is missing, which
/// CUDA/cuDNN this ONNX Runtime needs and how to fall back; no stack trace.
/// </summary>
[Collection(ScoringCollection.Name)]
public sealed class DeviceCommandTests(ScoringFixture fixture)
{
    public static TheoryData<string> Commands => ["score", "predict", "eval", "featurize", "bench"];

    private string[] Arguments(string command, string device) => command switch
    {
        "score" => ["score", "--model", fixture.Model, "--input", fixture.Audio, "--out", Path.Combine(fixture.NewFolder(), "r.csv"), "--device", device],
        "predict" => ["predict", "--model", fixture.Model, "--device", device, fixture.Audio],
        "eval" => ["eval", "--model", fixture.Model, "--data", fixture.Data, "--device", device],
        "featurize" => ["featurize", fixture.Audio, "--out", Path.Combine(fixture.NewFolder(), "f"), "--device", device],
        "bench" => ["bench", "frontend", "--kind", "mel", "--seconds", "1", "--batch", "1", "--runs", "1", "--engine", "onnx", "--device", device],
        _ => throw new ArgumentOutOfRangeException(nameof(command)),
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void CudaWithoutCudaIsOneClearLineAndExitCode1(string command)
    {
        var (code, output, err) = CliBasicsTests.Run(Arguments(command, "cuda"));
        Assert.Equal(LeafCli.Failure, code);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("leaf: ", line);
        Assert.All(CudaBuild.MessageParts, part => Assert.Contains(part, line));
        Assert.Contains("--device cpu", line);
        Assert.DoesNotContain(" at ", line);
        Assert.DoesNotContain("->", output); // featurize wrote nothing, score/predict printed no result
    }

    [Fact]
    public void TheSameCommandsRunOnTheCpu()
    {
        foreach (string command in new[] { "featurize", "bench" })
        {
            var (code, _, err) = CliBasicsTests.Run(Arguments(command, "cpu"));
            Assert.True(code == 0, $"{command}: {err}");
        }
    }

    [Fact]
    public void TrainWithCudaOnTheCpuLibtorchIsOneClearLine()
    {
        var (code, _, err) = CliBasicsTests.Run("train", "--data", fixture.Data, "--out", Path.Combine(fixture.NewFolder(), "run"), "--epochs", "1", "--device", "cuda");
        Assert.Equal(LeafCli.Failure, code);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("TorchSharp-cpu", line);
        Assert.Contains("use --device cpu", line);
    }
}
