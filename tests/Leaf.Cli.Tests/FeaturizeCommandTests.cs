using Leaf.Tests;

namespace Leaf.Cli.Tests;

public class FeaturizeCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"leaf-featurize-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("onnx", "exact", 2e-5)]
    [InlineData("torch", "exact", 2e-5)]
    [InlineData("onnx", "fast", 1e-4)]
    [InlineData("torch", "fast", 1e-4)]
    public void DefaultLeafOnGoldenToneMatchesTheReference(string engine, string algorithm, double tolerance)
    {
        var (code, output, err) = CliBasicsTests.Run("featurize", Path.Combine(Golden.Directory, "tone1k.wav"), "--engine", engine, "--algorithm", algorithm, "--out", _dir);
        Assert.True(code == 0, err);
        Assert.Contains("[100 x 40]", output);
        var (values, shape) = ReadNpy(Path.Combine(_dir, "tone1k.npy"));
        Assert.Equal([100, 40], shape);
        var (expected, _) = Golden.Load("default__tone1k__leaf"); // [40, 100]
        var transposed = new float[values.Length];
        for (int f = 0; f < 100; f++)
            for (int c = 0; c < 40; c++) transposed[c * 100 + f] = values[f * 40 + c];
        Assert.True(Golden.MaxRelativeError(transposed, expected, floor: 0.02) < tolerance);
    }

    [Fact]
    public void CorruptFileFailsWithOneLineNamingItAndWritesNothing()
    {
        Directory.CreateDirectory(_dir);
        string bad = Path.Combine(_dir, "broken.wav");
        File.WriteAllBytes(bad, "RIFF\x10\0\0\0WAVEfmt "u8.ToArray());
        string outDir = Path.Combine(_dir, "out");
        var (code, _, err) = CliBasicsTests.Run("featurize", bad, "--out", outDir);
        Assert.Equal(LeafCli.Failure, code);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("broken.wav", line);
        Assert.Empty(Directory.Exists(outDir) ? Directory.GetFiles(outDir) : []);
    }

    [Fact]
    public void KindContradictingTheDescriptionIsRefused()
    {
        var (code, _, err) = CliBasicsTests.Run("featurize", Path.Combine(Golden.Directory, "tone1k.wav"),
            "--frontend", Repository.Path("models", "leaf-default.json"), "--kind", "mel", "--out", _dir);
        Assert.Equal(LeafCli.Failure, code);
        Assert.Contains("contradicts", err);
    }

    // Minimal .npy reader for float32 C-order arrays (the format NpyWriter documents).
    internal static (float[] Values, int[] Shape) ReadNpy(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int headerLength = BitConverter.ToUInt16(bytes, 8);
        string header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        string dims = header[(header.IndexOf("'shape': (", StringComparison.Ordinal) + 10)..];
        int[] shape = dims[..dims.IndexOf(')')].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
        var values = new float[(bytes.Length - 10 - headerLength) / 4];
        Buffer.BlockCopy(bytes, 10 + headerLength, values, 0, values.Length * 4);
        return (values, shape);
    }
}
