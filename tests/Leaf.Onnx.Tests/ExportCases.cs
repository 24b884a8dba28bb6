using Leaf.Frontends;
using Leaf.Tests;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;

namespace Leaf.Onnx.Tests;

/// <summary>The frontend configurations every export test runs over: each kind, LEAF's options, trained-looking values.</summary>
internal static class ExportCases
{
    /// <summary>Named descriptions with every parameter filled in.</summary>
    public static IReadOnlyDictionary<string, FrontendDescription> All { get; } = Build();

    /// <summary>Every case accepted by <paramref name="where"/>, with the exact algorithm and, for LEAF where it applies, the fast one.</summary>
    public static TheoryData<string, LeafAlgorithm> WithAlgorithms(Func<FrontendDescription, bool>? where = null)
    {
        var data = new TheoryData<string, LeafAlgorithm>();
        foreach (var (name, d) in All.Where(c => where?.Invoke(c.Value) ?? true))
        {
            data.Add(name, LeafAlgorithm.Exact);
            if (d.Kind == FrontendKind.Leaf && FastLeafPlan.Supports(d.WindowLength, d.Stride)) data.Add(name, LeafAlgorithm.Fast);
        }
        return data;
    }

    /// <summary>The same description with every parameter moved by up to ±<paramref name="spread"/> (relative), as training would.</summary>
    public static FrontendDescription Perturbed(FrontendDescription description, int seed, double spread = 0.2)
    {
        var random = new Random(seed);
        var parameters = new SortedDictionary<string, ParameterTensor>(StringComparer.Ordinal);
        foreach (var (name, p) in description.WithInitialParameters().Parameters)
            parameters[name] = p with { Values = Array.ConvertAll(p.Values, v => (float)(v * (1 + spread * (2 * random.NextDouble() - 1)) + 0.01 * spread * (2 * random.NextDouble() - 1))) };
        return description with { Parameters = parameters };
    }

    private static Dictionary<string, FrontendDescription> Build()
    {
        var leaf = FrontendDescription.Default(FrontendKind.Leaf);
        var cases = new Dictionary<string, FrontendDescription>(StringComparer.Ordinal)
        {
            ["leaf"] = leaf,
            ["leaf-golden-perturbed"] = GoldenDescriptions.For("perturbed"),
            ["leaf-preemphasis-instancenorm"] = Perturbed(leaf with { PreEmphasis = true, InstanceNorm = true }, seed: 1),
            ["leaf-log"] = leaf with { Compression = CompressionKind.Log },
            ["leaf-warm-start"] = Perturbed(leaf with { Pcen = leaf.Pcen with { WarmStart = true } }, seed: 6),
            // The README's "custom" LEAF: 64 filters, 24 kHz, 32 ms window (K = 769, S = 240), log compression.
            ["leaf-custom-24k"] = leaf with { SampleRate = 24000, FilterCount = 64, WindowMs = 32, Compression = CompressionKind.Log, PreEmphasis = true },
            // An even window (K = 400): taps t = −200 … 199, stride-1 padding (199, 200) (docs/frontends.md "Defaults and frame arithmetic").
            ["leaf-even-window"] = Perturbed(leaf with { WindowMs = 24.95 }, seed: 5),
            ["mel"] = FrontendDescription.Default(FrontendKind.Mel),
            ["tdfbanks"] = FrontendDescription.Default(FrontendKind.TdFilterbanks),
            ["tdfbanks-perturbed"] = Perturbed(FrontendDescription.Default(FrontendKind.TdFilterbanks), seed: 2),
            ["sincnet"] = FrontendDescription.Default(FrontendKind.SincNet),
            ["sincnet-perturbed"] = Perturbed(FrontendDescription.Default(FrontendKind.SincNet), seed: 3),
            ["sincnet+"] = FrontendDescription.Default(FrontendKind.SincNetPlus),
            ["sincnet+-perturbed-per-channel"] = Perturbed(FrontendDescription.Default(FrontendKind.SincNetPlus) with
            {
                Pcen = new PcenOptions { Floor = 1e-6, PerChannelSmoothing = true },
            }, seed: 4),
        };
        return cases.ToDictionary(c => c.Key, c => c.Value.WithInitialParameters(), StringComparer.Ordinal);
    }
}
