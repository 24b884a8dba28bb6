using System.Diagnostics;

namespace Leaf.Cli.Tests;

public class NpyWriterTests
{
    [Fact]
    public void HeaderIsAlignedAndDataFollowsInCOrder()
    {
        string path = Path.Combine(Path.GetTempPath(), $"npy-{Guid.NewGuid():N}.npy");
        try
        {
            float[] values = [1f, 2f, 3f, 4f, 5f, 6f];
            NpyWriter.WriteFloat32(path, values, 2, 3);
            byte[] bytes = File.ReadAllBytes(path);
            Assert.Equal(0x93, bytes[0]);
            Assert.Equal("NUMPY", System.Text.Encoding.ASCII.GetString(bytes, 1, 5));
            int headerLength = BitConverter.ToUInt16(bytes, 8);
            Assert.Equal(0, (10 + headerLength) % 64);
            string header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
            Assert.Contains("'shape': (2, 3)", header);
            Assert.Contains("'descr': '<f4'", header);
            Assert.EndsWith("\n", header);
            var data = new float[6];
            Buffer.BlockCopy(bytes, 10 + headerLength, data, 0, 24);
            Assert.Equal(values, data);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ShapeMismatchIsRejectedAndNothingIsWritten()
    {
        string path = Path.Combine(Path.GetTempPath(), $"npy-{Guid.NewGuid():N}.npy");
        var e = Assert.Throws<ArgumentException>(() => NpyWriter.WriteFloat32(path, new float[5], 2, 3));
        Assert.Contains("[2, 3]", e.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void NumpyReadsItWhenAvailable()
    {
        // numpy is an optional cross-check: python3-onnx (installed by run-tests) depends on python3-numpy.
        string path = Path.Combine(Path.GetTempPath(), $"npy-{Guid.NewGuid():N}.npy");
        try
        {
            NpyWriter.WriteFloat32(path, [0.5f, -1.25f, 3f], 3);
            var psi = new ProcessStartInfo("/usr/bin/python3", ["-c", $"import numpy; a = numpy.load('{path}'); print(a.dtype, a.shape, a.tolist())"])
            { RedirectStandardOutput = true, RedirectStandardError = true };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, "python3 with numpy is required for this check (./run-tests installs python3-onnx, which brings numpy): " + p.StandardError.ReadToEnd());
            Assert.Equal("float32 (3,) [0.5, -1.25, 3.0]", output);
        }
        finally { File.Delete(path); }
    }
}
