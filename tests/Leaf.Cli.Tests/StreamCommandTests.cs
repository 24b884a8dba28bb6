using System.Diagnostics;
using System.Globalization;
using Leaf.Audio;
using Leaf.Frontends;
using Leaf.Onnx;
using Leaf.Tests;

namespace Leaf.Cli.Tests;

/// <summary><c>leaf featurize</c> of long WAVs by windows, and <c>leaf stream</c> from a pipe (at the frontend's rate or resampled as it arrives): the frames of one offline run.</summary>
public sealed class StreamCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("leaf-stream-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// A WAV longer than one segment, at the frontend's rate or resampled as it is read, on either engine: the frames of
    /// one offline run of the whole decoded file — bit for bit on ONNX Runtime (exact LEAF), within the fast blocks' and
    /// libtorch's rounding otherwise (docs/streaming.md).
    /// </summary>
    [Theory]
    [InlineData("onnx", "exact", 16000)]
    [InlineData("onnx", "fast", 16000)]
    [InlineData("onnx", "exact", 44100)]
    [InlineData("torch", "exact", 16000)]
    [InlineData("torch", "fast", 22050)]
    public void FeaturizeStreamsALongWavWithTheFramesOfOneRun(string engine, string algorithm, int rate)
    {
        string wav = Path.Combine(_dir, "long.wav");
        WavWriter.Write(wav, Signal(10 * rate + 37), rate); // longer than one segment (2^17 samples), 37 past a stride at 16 kHz
        var (code, output, err) = CliBasicsTests.Run("featurize", wav, "--engine", engine, "--algorithm", algorithm, "--out", _dir);
        Assert.True(code == 0, err);
        var (values, _) = FeaturizeCommandTests.ReadNpy(Path.Combine(_dir, "long.npy"));
        var leafAlgorithm = LeafAlgorithmNames.Parse(algorithm);
        float[] decoded = AudioFile.Load(wav, new AudioLoadOptions { SampleRate = 16000 }).Samples;
        Assert.Contains($"[{(decoded.Length + 159) / 160} x 40]", output);
        float[] expected = engine == "torch" ? TorchForward(decoded, leafAlgorithm) : OnnxOffline(decoded, leafAlgorithm);
        if (engine == "onnx" && leafAlgorithm == LeafAlgorithm.Exact) Assert.Equal(expected, values);
        else if (engine == "onnx") Assert.True(Golden.MaxRelativeError(values, expected, 0.02) < 5e-5); // the fast blocks' GEMMs round with their count
        else Assert.True(Golden.MaxRelativeError(values, expected, 1) < 3e-5); // libtorch's kernels round with the input's length
    }

    /// <summary>
    /// A warm-started sPCEN starts from the whole file's mean energy, so it cannot stream: the file is decoded whole and
    /// runs through the segmented one-model export, with the frames of one offline run, bit for bit.
    /// </summary>
    [Fact]
    public void FeaturizeRunsAWarmStartedPcenInsideTheSegmentedModel()
    {
        var leaf = FrontendDescription.Default(FrontendKind.Leaf);
        var d = leaf with { Pcen = leaf.Pcen with { WarmStart = true } };
        string json = Path.Combine(_dir, "warm.json"), wav = Path.Combine(_dir, "warm.wav");
        d.Save(json);
        WavWriter.Write(wav, Signal(10 * 16000 + 37), 16000);
        var (code, _, err) = CliBasicsTests.Run("featurize", wav, "--frontend", json, "--out", _dir);
        Assert.True(code == 0, err);
        var (values, _) = FeaturizeCommandTests.ReadNpy(Path.Combine(_dir, "warm.npy"));
        Assert.Equal(OnnxOffline(AudioFile.Load(wav).Samples, LeafAlgorithm.Exact, d), values);
    }

    private static float[] OnnxOffline(float[] waveform, LeafAlgorithm algorithm, FrontendDescription? d = null)
    {
        using var offline = new OnnxFrontend(FrontendExporter.Export(d ?? FrontendDescription.Default(FrontendKind.Leaf), new FrontendExportOptions { LeafAlgorithm = algorithm }),
            new OnnxFrontendOptions { ChunkSamples = 0 });
        return Flatten(offline.Featurize(waveform));
    }

    private static float[] TorchForward(float[] waveform, LeafAlgorithm algorithm)
    {
        using var scope = TorchSharp.torch.NewDisposeScope();
        using var noGrad = TorchSharp.torch.no_grad();
        using var frontend = Leaf.Training.Frontends.FrontendFactory.Create(FrontendDescription.Default(FrontendKind.Leaf), algorithm);
        return frontend.forward(TorchSharp.torch.tensor(waveform).unsqueeze(0)).data<float>().ToArray();
    }

    /// <summary>Raw 16-bit PCM piped into a separate process, read 333 samples at a time: every frame of the offline run, printed exactly.</summary>
    [Fact]
    public async Task StreamFromAPipePrintsTheOfflineFrames()
    {
        float[] samples = Signal(16000 + 7 * 160); // a whole number of strides: a live stream's grid is the offline one
        var pcm = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
            BitConverter.TryWriteBytes(pcm.AsSpan(2 * i), (short)Math.Clamp(Math.Round(samples[i] * 32768), short.MinValue, short.MaxValue));
        using var process = StartLeaf("stream", "--input", "s16le", "--block", "333", "--frames");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        for (int at = 0; at < pcm.Length; at += 1000) process.StandardInput.BaseStream.Write(pcm, at, Math.Min(1000, pcm.Length - at));
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        string errors = await stderr, printed = await stdout;
        Assert.True(process.ExitCode == 0, errors);
        Assert.Contains("real-time factor", errors);
        Assert.Contains("latency 481 samples", errors);

        float[] decoded = [.. pcm.Chunk(2).Select(b => BitConverter.ToInt16(b) / 32768f)];
        using var offline = new OnnxFrontend(FrontendExporter.Export(FrontendDescription.Default(FrontendKind.Leaf)));
        float[,] expected = offline.Featurize(decoded);
        string[] lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.GetLength(0), lines.Length);
        for (int f = 0; f < lines.Length; f++)
        {
            string[] fields = lines[f].Split(',');
            Assert.Equal(f.ToString(CultureInfo.InvariantCulture), fields[0]);
            for (int c = 0; c < 40; c++) Assert.Equal(expected[f, c], float.Parse(fields[c + 2], CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A WAV stream at 8 kHz is resampled as it arrives: the frames of the whole file resampled (as the decoder does), then featurized offline.</summary>
    [Fact]
    public async Task StreamResamplesAWavAtAnotherRate()
    {
        string wav = Path.Combine(_dir, "8k.wav");
        WavWriter.Write(wav, Signal(8000), 8000); // 16 000 samples at 16 kHz: a whole number of strides
        using var process = StartLeaf("stream", "--input", "wav", "--block", "161", "--frames");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardInput.BaseStream.Write(File.ReadAllBytes(wav));
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) process.Kill(entireProcessTree: true);
        string errors = await stderr;
        Assert.True(process.ExitCode == 0, errors);
        Assert.Contains("16000 samples", errors);

        float[] resampled = AudioFile.Load(wav).Samples; // decoded whole and resampled to 16 kHz by PolyphaseResampler
        using var offline = new OnnxFrontend(FrontendExporter.Export(FrontendDescription.Default(FrontendKind.Leaf)));
        float[,] expected = offline.Featurize(resampled);
        string[] lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.GetLength(0), lines.Length);
        for (int f = 0; f < lines.Length; f++)
        {
            string[] fields = lines[f].Split(',');
            for (int c = 0; c < 40; c++) Assert.Equal(expected[f, c], float.Parse(fields[c + 2], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task StreamRefusesARateForAWavStream()
    {
        using var process = StartLeaf("stream", "--input", "wav", "--rate", "8000");
        var stderr = process.StandardError.ReadToEndAsync();
        try { process.StandardInput.Close(); }
        catch (IOException) { } // the command may have exited already
        process.WaitForExit(TimeSpan.FromMinutes(2));
        Assert.Equal(LeafCli.Failure, process.ExitCode);
        Assert.Contains("--rate 8000: a WAV stream declares its rate", await stderr);
    }

    // The CLI in a process of its own, its standard streams redirected.
    private static Process StartLeaf(params string[] args)
    {
        string dll = Path.Combine(Path.GetDirectoryName(typeof(LeafCli).Assembly.Location)!, "leaf.dll");
        string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        return Process.Start(new ProcessStartInfo(host, [dll, .. args]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true })!;
    }

    private static float[] Signal(int length) =>
        [.. Enumerable.Range(0, length).Select(n => (float)(0.3 * Math.Sin(2 * Math.PI * (300 + n / 40.0) * n / 16000) + 0.05 * Math.Sin(n * 0.9)))];

    private static float[] Flatten(float[,] a)
    {
        var flat = new float[a.Length];
        Buffer.BlockCopy(a, 0, flat, 0, flat.Length * sizeof(float));
        return flat;
    }
}
