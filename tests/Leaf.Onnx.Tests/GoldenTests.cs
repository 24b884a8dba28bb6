using System.Collections.Concurrent;
using Leaf.Tests;
using Xunit.Abstractions;

namespace Leaf.Onnx.Tests;

/// <summary>
/// The exported LEAF, run by ONNX Runtime, against the reference's golden outputs (both parameter sets, every input) and
/// against <see cref="LeafReference"/>, the same model in double precision.
/// </summary>
/// <remarks>
/// Relative errors are |actual − expected| / max(|expected|, floor); the floors mark where float32 stops resolving a value.
/// Pooled energies: 1e-4, ten times the 1e-5 clamp applied before compression (a float32 convolution's rounding error
/// scales with the signal level, not with the small energies of filter leakage). sPCEN output: 0.02 (the output is the
/// difference of two numbers near √δ whose float32 spacing is 1.2e-7, i.e. 6e-6 at this floor).
/// The golden arrays carry float32 rounding of their own: for the chirp their pooled energies are 1.6–1.8e-5 away from the
/// double-precision model (the export is 1.5–1.7e-6 away), and that difference flows into their sPCEN output. So the export
/// is held to 1e-5 against the double-precision model, and to 1e-5 plus the golden array's own measured error against
/// the golden array. End to end, the export is held to 2e-5 against the double-precision model: a frame whose pooled
/// energy is within a few times the 1e-5 clamp carries the convolution's float32 error (≈6e-6 relative, e.g. perturbed
/// tone1k, channel 4, frame 61: 1.5704e-5) into an output near the floor, where sPCEN's own rounding (≤ 6e-6, checked
/// separately below) adds to it. The golden <c>perturbed__noise</c> arrays were computed from another noise realisation than
/// <c>noise__input.f32</c> (its pooled energies are off by a factor of ~36 while the default set's match to 1.4e-6), so
/// that pair is checked from the golden pooled energies onwards only.
/// </remarks>
public sealed class GoldenTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5, EndToEndTolerance = 2e-5, PooledFloor = 1e-4, OutputFloor = 0.02;
    private static readonly ConcurrentDictionary<(string, string), double[]> PooledReferences = new();

    public static TheoryData<string, string> AllSetsAndInputs() => Pairs(includeInconsistent: true);

    public static TheoryData<string, string> SetsAndInputs() => Pairs(includeInconsistent: false);

    [Theory]
    [MemberData(nameof(SetsAndInputs))]
    public void LeafMatchesGoldenOutput(string set, string input)
    {
        using var frontend = new OnnxFrontend(FrontendExporter.Export(GoldenDescriptions.For(set)));
        var (waveform, _) = Golden.Load($"{input}__input");
        var (golden, shape) = Golden.Load($"{set}__{input}__leaf"); // [40, frames], channel-major
        float[,] features = frontend.Featurize(waveform);            // [frames, 40]
        Assert.Equal([shape[1], shape[0]], new[] { features.GetLength(0), features.GetLength(1) });
        float[] actual = Arrays.ChannelMajor(features);
        double[] reference = LeafReference.Compress(PooledReference(set, input, waveform), GoldenDescriptions.For(set));
        Check($"{set}/{input} leaf", actual, golden, reference, OutputFloor, EndToEndTolerance);
    }

    [Theory]
    [MemberData(nameof(SetsAndInputs))]
    public void PooledEnergiesMatchGolden(string set, string input)
    {
        var (waveform, _) = Golden.Load($"{input}__input");
        var (golden, _) = Golden.Load($"{set}__{input}__pooled");
        float[] actual = StageModels.Run(StageModels.PooledEnergies(GoldenDescriptions.For(set)), waveform, 1, waveform.Length);
        Check($"{set}/{input} pooled", actual, golden, PooledReference(set, input, waveform), PooledFloor, Tolerance);
    }

    [Theory]
    [MemberData(nameof(SetsAndInputs))]
    public void PcenOfReferencePooledEnergiesMatchesDoublePrecision(string set, string input)
    {
        var (waveform, _) = Golden.Load($"{input}__input");
        var d = GoldenDescriptions.For(set);
        double[] pooled = PooledReference(set, input, waveform);
        float[] floored = Array.ConvertAll(pooled, v => (float)Math.Max(v, d.EnergyFloor));
        float[] actual = StageModels.Run(StageModels.Pcen(d), floored, 1, d.FilterCount, floored.Length / d.FilterCount);
        double[] reference = LeafReference.Compress(pooled, d);
        double error = Arrays.MaxRelativeError(actual, reference, OutputFloor);
        output.WriteLine($"{set}/{input} sPCEN(float64 pooled) vs float64 model: {error:E2}");
        Assert.True(error < Tolerance, $"{set}/{input}: relative error {error:E2}");
    }

    [Theory]
    [MemberData(nameof(AllSetsAndInputs))]
    public void PcenOfGoldenPooledEnergiesMatchesGolden(string set, string input)
    {
        var (pooled, shape) = Golden.Load($"{set}__{input}__pooled");
        var (expected, _) = Golden.Load($"{set}__{input}__leaf");
        var floored = Array.ConvertAll(pooled, v => MathF.Max(v, 1e-5f));
        float[] actual = StageModels.Run(StageModels.Pcen(GoldenDescriptions.For(set)), floored, 1, shape[0], shape[1]);
        double error = Golden.MaxRelativeError(actual, expected, OutputFloor);
        output.WriteLine($"{set}/{input} sPCEN(golden pooled) vs golden: {error:E2}");
        Assert.True(error < Tolerance, $"{set}/{input}: relative error {error:E2}");
    }

    private void Check(string label, float[] actual, float[] golden, double[] reference, double floor, double modelTolerance)
    {
        double exportError = Arrays.MaxRelativeError(actual, reference, floor);
        double goldenError = Arrays.MaxRelativeError(golden, reference, floor);
        double error = Golden.MaxRelativeError(actual, golden, floor);
        output.WriteLine($"{label}: vs golden {error:E2}; vs float64 model {exportError:E2} (golden's own: {goldenError:E2})");
        Assert.True(exportError < modelTolerance, $"{label}: {exportError:E2} from the double-precision model");
        Assert.True(error < Tolerance + goldenError, $"{label}: {error:E2} from golden, whose own error is {goldenError:E2}");
    }

    private static double[] PooledReference(string set, string input, float[] waveform) =>
        PooledReferences.GetOrAdd((set, input), _ => LeafReference.PooledEnergies(waveform, GoldenDescriptions.For(set)));

    private static TheoryData<string, string> Pairs(bool includeInconsistent)
    {
        var data = new TheoryData<string, string>();
        foreach (var set in Golden.ParameterSets)
            foreach (var input in Golden.Inputs)
                if (includeInconsistent || !(set == "perturbed" && input == "noise")) data.Add(set, input);
        return data;
    }
}
