using System.Reflection;
using System.Text.Json;

namespace Leaf.Tests;

/// <summary>Reads the reference LEAF golden vectors in tests/golden (raw little-endian float32, C order; see its README).</summary>
public static class Golden
{
    /// <summary>Folder holding the golden vectors: <c>LEAF_GOLDEN_DIR</c> when set, else tests/golden as the build recorded it.</summary>
    public static string Directory { get; } = Environment.GetEnvironmentVariable("LEAF_GOLDEN_DIR")
        ?? typeof(Golden).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "LeafGoldenDir").Value!;

    /// <summary>Names of the golden input signals.</summary>
    public static readonly string[] Inputs = ["tone1k", "chirp", "noise", "clicks", "silence"];

    /// <summary>Names of the golden parameter sets.</summary>
    public static readonly string[] ParameterSets = ["default", "perturbed"];

    /// <summary>Loads <c>NAME.f32</c> with its shape from index.json.</summary>
    public static (float[] Data, int[] Shape) Load(string name)
    {
        string path = Path.Combine(Directory, name + ".f32");
        byte[] bytes = File.ReadAllBytes(path);
        var data = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, data, 0, bytes.Length);
        using var index = JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, "index.json")));
        int[] shape = index.RootElement.GetProperty(name).GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        return (data, shape);
    }

    /// <summary>The raw parameter JSON (<c>params_default.json</c> or <c>params_perturbed.json</c>).</summary>
    public static string ParametersJson(string set) => File.ReadAllText(Path.Combine(Directory, $"params_{set}.json"));

    /// <summary>Worst relative error max|a-e| / max(|e|, floor) over all elements.</summary>
    public static double MaxRelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, double floor = 1e-6)
    {
        if (actual.Length != expected.Length) throw new ArgumentException($"length {actual.Length} != {expected.Length}");
        double worst = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (double.IsNaN(a)) return double.PositiveInfinity;
            worst = Math.Max(worst, Math.Abs(a - e) / Math.Max(Math.Abs(e), floor));
        }
        return worst;
    }
}
