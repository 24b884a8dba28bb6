using Leaf.Frontends;
using Leaf.Onnx;

namespace Leaf.Cli.Tests;

/// <summary><c>leaf export --fast</c> writes the fast LEAF export, which computes the same features as the exact one.</summary>
public class ExportFastTests
{
    [Fact]
    public void ExportFastWritesTheFastModelWithTheSameFeatures()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"leaf-export-fast-{Guid.NewGuid():N}");
        try
        {
            string path = Path.Combine(dir, "fast.onnx");
            var (code, _, err) = CliBasicsTests.Run("export", "--fast", "--out", path);
            Assert.True(code == 0, err);
            var d = FrontendDescription.Default(FrontendKind.Leaf).WithInitialParameters();
            Assert.Equal(FrontendExporter.Export(d, new FrontendExportOptions { LeafAlgorithm = LeafAlgorithm.Fast }), File.ReadAllBytes(path));

            var random = new Random(5);
            float[] clip = [.. Enumerable.Range(0, 8000).Select(_ => (float)(random.NextDouble() - 0.5))];
            using var fast = new OnnxFrontend(path);
            using var exact = new OnnxFrontend(FrontendExporter.Export(d));
            float[,] a = fast.Featurize(clip), e = exact.Featurize(clip);
            Assert.Equal(e.GetLength(0), a.GetLength(0));
            for (int f = 0; f < e.GetLength(0); f++)
                for (int c = 0; c < e.GetLength(1); c++)
                    Assert.True(Math.Abs(a[f, c] - e[f, c]) <= 1e-4 * Math.Max(Math.Abs(e[f, c]), 0.02), $"frame {f}, channel {c}: {a[f, c]} vs {e[f, c]}");
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }
}
