using Leaf.Frontends;

namespace Leaf.Onnx.Tests;

/// <summary>The ONNX Runtime runner: first-principles outputs, batches, threads, providers and clear errors.</summary>
public sealed class OnnxFrontendTests
{
    [Fact]
    public void SilenceGivesTheClosedFormValues()
    {
        using var leaf = new OnnxFrontend(FrontendExporter.Export(ExportCases.All["leaf"]));
        using var mel = new OnnxFrontend(FrontendExporter.Export(ExportCases.All["mel"]));
        // docs/frontends.md "sPCEN": pooled = 1e-5 everywhere → sPCEN (1e-5^0.04 + 2)^0.5 − √2 = 0.207809; mel: log(0 + 1e-5).
        Assert.All(Arrays.Flatten(leaf.Featurize(new float[16000])), v => Assert.Equal(0.207809, v, 5e-6));
        Assert.All(Arrays.Flatten(mel.Featurize(new float[16000])), v => Assert.Equal(Math.Log(1e-5), v, 1e-6));
        Assert.Equal(100, leaf.Featurize(new float[16000]).GetLength(0));
        Assert.Equal(40, leaf.Channels);
    }

    [Fact]
    public void FrameCountsFollowEachKindsPadding()
    {
        foreach (var (name, d) in ExportCases.All.Where(c => !c.Key.Contains("24k", StringComparison.Ordinal)))
        {
            using var frontend = new OnnxFrontend(FrontendExporter.Export(d));
            int expected = d.Kind == FrontendKind.TdFilterbanks ? 98 : 100; // docs/frontends.md "Numeric checks" at T = 16000
            Assert.Equal((expected, 40), (frontend.Featurize(new float[16000]).GetLength(0), frontend.Featurize(new float[16000]).GetLength(1)));
        }
        using var custom = new OnnxFrontend(FrontendExporter.Export(ExportCases.All["leaf-custom-24k"]));
        Assert.Equal((101, 64), (custom.Featurize(new float[24001]).GetLength(0), custom.Featurize(new float[24001]).GetLength(1))); // S = 240
    }

    [Fact]
    public void BatchEqualsSingleRunsAndConcurrentCallsAgree()
    {
        using var frontend = new OnnxFrontend(FrontendExporter.Export(ExportCases.All["leaf-golden-perturbed"]), new OnnxFrontendOptions { IntraOpThreads = 1, AllowSpinning = false });
        var random = new Random(11);
        float[][] clips = Enumerable.Range(0, 4).Select(_ => Enumerable.Range(0, 5000).Select(_ => (float)random.NextDouble() - 0.5f).ToArray()).ToArray();
        float[][] single = clips.Select(c => Arrays.Flatten(frontend.Featurize(c))).ToArray();
        float[] batch = Arrays.Flatten(frontend.FeaturizeBatch(clips));
        for (int i = 0; i < clips.Length; i++)
            Assert.True(Leaf.Tests.Golden.MaxRelativeError(batch.AsSpan(i * single[i].Length, single[i].Length), single[i], 0.02) < 1e-6);

        var concurrent = new float[clips.Length][];
        Parallel.For(0, clips.Length, i => concurrent[i] = Arrays.Flatten(frontend.Featurize(clips[i])));
        for (int i = 0; i < clips.Length; i++) Assert.Equal(single[i], concurrent[i]);
    }

    [Fact]
    public void BadInputsAreRejectedWithClearMessages()
    {
        using var leaf = new OnnxFrontend(FrontendExporter.Export(ExportCases.All["leaf"]));
        Assert.Contains("needs at least 1 sample(s) per waveform, got 0", Assert.Throws<ArgumentException>(() => leaf.Featurize([])).Message);
        Assert.Contains("the batch is empty", Assert.Throws<ArgumentException>(() => leaf.FeaturizeBatch([])).Message);
        Assert.Contains("waveform 0 has 10 samples, waveform 1 has 11",
            Assert.Throws<ArgumentException>(() => leaf.FeaturizeBatch([new float[10], new float[11]])).Message);

        using var td = new OnnxFrontend(FrontendExporter.Export(ExportCases.All["tdfbanks"]));
        Assert.Contains("the tdfbanks model needs at least 401 sample(s) per waveform, got 400", Assert.Throws<ArgumentException>(() => td.Featurize(new float[400])).Message);
        Assert.Equal(1, td.Featurize(new float[401]).GetLength(0));

        using var fixedLength = new OnnxFrontend(FrontendExporter.Export(ExportCases.All["mel"], new() { FixedSamples = 16000 }));
        Assert.Contains("exported for waveforms of exactly 16000 samples, got 8000", Assert.Throws<ArgumentException>(() => fixedLength.Featurize(new float[8000])).Message);

        leaf.Dispose();
        Assert.Throws<ObjectDisposedException>(() => leaf.Featurize(new float[10]));
    }

    [Fact]
    public void ExecutionProvidersAreParsedAndCudaFailsAtOnceWithoutTheGpuPackage()
    {
        Assert.Equal(OnnxExecutionProvider.Cpu, OnnxExecutionProvider.Parse(" CPU "));
        Assert.Equal(new OnnxExecutionProvider(true, 0), OnnxExecutionProvider.Parse("cuda"));
        Assert.Equal(new OnnxExecutionProvider(true, 2), OnnxExecutionProvider.Parse("cuda:2"));
        Assert.Equal("cuda:2", OnnxExecutionProvider.Parse("cuda:2").ToString());
        Assert.Contains("expected cpu, cuda or cuda:ID", Assert.Throws<ArgumentException>(() => OnnxExecutionProvider.Parse("gpu")).Message);
        Assert.Throws<ArgumentException>(() => OnnxExecutionProvider.Parse("cuda:-1"));

        byte[] model = FrontendExporter.Export(ExportCases.All["mel"]);
        if (CudaAvailability.Problem(0) is null) // a machine with CUDA (none of this project's CI machines)
        {
            using var gpu = new OnnxFrontend(model, new OnnxFrontendOptions { ExecutionProvider = "cuda" });
            Assert.True(gpu.ExecutionProvider.IsCuda);
            return;
        }
        var error = Assert.Throws<NotSupportedException>(() => new OnnxFrontend(model, new OnnxFrontendOptions { ExecutionProvider = "cuda:0" }));
        Assert.All(Leaf.Tests.Shared.CudaBuild.MessageParts, part => Assert.Contains(part, error.Message));
        Assert.Contains("or use the CPU (--device cpu)", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new OnnxFrontend(model, new OnnxFrontendOptions { IntraOpThreads = -1 }));
    }
}
