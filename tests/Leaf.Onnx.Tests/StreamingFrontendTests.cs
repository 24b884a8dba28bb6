using Leaf.Frontends;
using Xunit.Abstractions;

namespace Leaf.Onnx.Tests;

/// <summary>Chunked and streamed featurization against one offline run of the same signal: every kind, both LEAF algorithms.</summary>
public sealed class StreamingFrontendTests(ITestOutputHelper output)
{
    public static TheoryData<string, LeafAlgorithm> Cases() => ExportCases.WithAlgorithms(StreamingExporter.CanStream);

    /// <summary>
    /// Lengths from one sample up, pushed in pieces of 1, 159, 160, 161, 4096 and random sizes through segments of random
    /// length, with the length known in advance (a file) or not (a live stream, whose end is padded to a whole number of
    /// strides where the grid follows the length): the frames of one offline run. Bit for bit where ONNX Runtime's
    /// kernels compute each frame the same way whatever the segment (LEAF exact, SincNet, SincNet+, TD-filterbanks);
    /// the mel graph's DFT GEMM and the fast LEAF's block GEMMs round differently with the number of frames or blocks.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void PiecesGiveTheFramesOfOneOfflineRun(string name, LeafAlgorithm algorithm)
    {
        var d = ExportCases.All[name];
        var exportOptions = new FrontendExportOptions { LeafAlgorithm = algorithm };
        using var offline = new OnnxFrontend(FrontendExporter.Export(d, exportOptions), new OnnxFrontendOptions { IntraOpThreads = 1 });
        using var sessions = new StreamingSessions(StreamingExporter.Export(d, exportOptions), new OnnxFrontendOptions { IntraOpThreads = 1 });
        var random = new Random(name.Length * 31 + (int)algorithm);
        int minimum = offline.Info.MinimumSamples;
        var differences = new Differences();
        foreach (int length in new[] { minimum, minimum + 161, 9000 + random.Next(3000), 30000 + random.Next(9000) })
        {
            float[] signal = Signal(random, length);
            float[] expected = Arrays.Flatten(offline.Featurize(signal));
            // A live stream of a length-following grid ends padded to a whole number of strides.
            float[] live = sessions.Support.GridFollowsLength && length % d.Stride != 0
                ? Arrays.Flatten(offline.Featurize([.. signal, .. new float[d.Stride - length % d.Stride]]))
                : expected;
            foreach (int piece in new[] { 1, 159, 160, 161, 4096, 1 + random.Next(3000) })
            {
                if (piece == 1 && length > 12000) continue; // one-sample pushes are covered by the shorter signals
                foreach (bool known in new[] { true, false })
                {
                    if (!known && sessions.Normalization is not null) continue; // cannot stream: NormalizationNeedsTheLength
                    var options = new StreamingFrontendOptions { TotalSamples = known ? length : null, ChunkSamples = 3 * 4096 + random.Next(4096) };
                    float[] actual = Streamed(new StreamingFrontend(sessions, options, ownsSessions: false), signal, piece);
                    float[] reference = known ? expected : live;
                    differences.Add(actual, reference);
                }
            }
        }
        output.WriteLine($"{name} {algorithm}: {differences}");
        if (algorithm == LeafAlgorithm.Fast) Assert.InRange(differences.Floored, 0, 5e-5); // measured ≤ 1.3e-5 (instance norm), ≤ 4.1e-6 without
        else if (d.Kind == FrontendKind.Mel) Assert.InRange(differences.Absolute, 0, 5e-5); // log-mel: measured ≤ 1.5e-5 absolute
        else Assert.Equal(0, differences.Relative);
    }

    [Fact]
    public void OnnxFrontendRunsLongWaveformsInSegmentsWithTheSameFrames()
    {
        WholeAndChunkedRunsAgree(ExportCases.All["leaf-golden-perturbed"], Signal(new Random(5), 50_001));
    }

    // OnnxFrontend with 8000-sample segments gives the frames of one run over the whole waveform, bit for bit.
    private static void WholeAndChunkedRunsAgree(FrontendDescription d, float[] x)
    {
        byte[] model = FrontendExporter.Export(d);
        using var whole = new OnnxFrontend(model, new OnnxFrontendOptions { IntraOpThreads = 1, ChunkSamples = 0 });
        using var chunked = new OnnxFrontend(model, new OnnxFrontendOptions { IntraOpThreads = 1, ChunkSamples = 8000 });
        Assert.Equal(Arrays.Flatten(whole.Featurize(x)), Arrays.Flatten(chunked.Featurize(x)));
    }

    [Fact]
    public void AWarmStartedPcenRunsWholeAndRefusesToStream()
    {
        var d = ExportCases.All["leaf-warm-start"];
        Assert.False(StreamingExporter.CanStream(d));
        Assert.Contains("warmStart", Assert.Throws<NotSupportedException>(() => StreamingExporter.Export(d)).Message, StringComparison.Ordinal);
        // OnnxFrontend does not cut it into segments: a long input gives the frames of one run over the whole waveform.
        WholeAndChunkedRunsAgree(d, Signal(new Random(6), 30_001));
    }

    [Fact]
    public void NormalizationNeedsTheLength()
    {
        var d = ExportCases.All["leaf-preemphasis-instancenorm"];
        var e = Assert.Throws<NotSupportedException>(() => new StreamingFrontend(d));
        Assert.Contains("TotalSamples", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisuseIsRefused()
    {
        using var sessions = new StreamingSessions(StreamingExporter.Export(ExportCases.All["leaf"]), new OnnxFrontendOptions { IntraOpThreads = 1 });
        using var known = new StreamingFrontend(sessions, new StreamingFrontendOptions { TotalSamples = 1000 }, ownsSessions: false);
        int frames = known.Push(new float[600]).GetLength(0);
        Assert.Contains("1000", Assert.Throws<InvalidOperationException>(() => known.Push(new float[401])).Message, StringComparison.Ordinal);
        Assert.Contains("600", Assert.Throws<InvalidOperationException>(() => known.Complete()).Message, StringComparison.Ordinal);
        frames += known.Push(new float[400]).GetLength(0);
        frames += known.Complete().GetLength(0);
        Assert.Equal((7, 7L), (frames, known.FramesReturned)); // ⌈1000/160⌉
        Assert.Throws<InvalidOperationException>(() => known.Complete());
        Assert.Throws<InvalidOperationException>(() => known.Push(new float[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StreamingFrontend(sessions, new StreamingFrontendOptions { ChunkSamples = 800 }, ownsSessions: false));
    }

    /// <summary>Frame j comes out as soon as sample j·S + Latency − 1 is in, not one sample later or earlier.</summary>
    [Theory]
    [InlineData("leaf", LeafAlgorithm.Exact, 481)]
    [InlineData("mel", LeafAlgorithm.Exact, 401)]
    [InlineData("tdfbanks", LeafAlgorithm.Exact, 601)]
    [InlineData("sincnet", LeafAlgorithm.Exact, 481)]
    public void FramesComeOutAfterTheirLatency(string name, LeafAlgorithm algorithm, int latency)
    {
        using var stream = new StreamingFrontend(ExportCases.All[name], new StreamingFrontendOptions { LeafAlgorithm = algorithm, Session = new() { IntraOpThreads = 1 } });
        Assert.Equal(latency, stream.Latency);
        var random = new Random(3);
        for (long pushed = 1; pushed <= 3000; pushed++)
        {
            stream.Push([(float)random.NextDouble() - 0.5f]);
            long ready = pushed < latency ? 0 : (pushed - latency) / 160 + 1;
            Assert.Equal(ready, stream.FramesReturned);
        }
    }

    /// <summary>The frames of <paramref name="signal"/> pushed <paramref name="piece"/> samples at a time; disposes the stream.</summary>
    internal static float[] Streamed(IFrameStream stream, float[] signal, int piece)
    {
        var frames = new List<float>();
        void Add(ReadOnlySpan<float> values, int count) => frames.AddRange(values);
        using (stream)
        {
            for (int at = 0; at < signal.Length; at += piece)
                stream.Push(signal.AsSpan(at, Math.Min(piece, signal.Length - at)), Add);
            stream.Complete(Add);
        }
        return [.. frames];
    }

    internal static float[] Signal(Random random, int length)
    {
        var x = new float[length];
        double phase = 0;
        for (int i = 0; i < length; i++)
        {
            phase += 0.02 + 0.3 * i / length;
            x[i] = (float)(0.3 * Math.Sin(phase) + 0.1 * (random.NextDouble() - 0.5));
        }
        return x;
    }
}
