using Leaf.Tests;
using Leaf.Training.Frontends;
using Leaf.Training.Frontends.Compression;
using Leaf.Training.Frontends.Filterbanks;
using Leaf.Training.TorchSharpWorkarounds;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Leaf.Training.Tests;

/// <summary>
/// The TorchSharp LEAF against the reference's golden vectors, for both parameter sets and every input.
/// </summary>
/// <remarks>
/// Errors are max |actual − expected| / max(|expected|, floor). The floors say where float32 itself stops resolving a value:
/// <list type="bullet">
/// <item>Filters: 1e-12, only to skip exact zeros (Im φ(0) = 0).</item>
/// <item>Squared modulus and pooled energies: 1e-4. A float32 convolution's rounding error is proportional to Σ|x·w| (the
/// signal's level), not to the result, so energies far below the signal (filter leakage, silence padding) carry absolute
/// errors of ~1e-10 in any float32 implementation: evaluating this model in float64 differs from the golden arrays by as
/// much as this float32 version does. 1e-4 is ten times the 1e-5 clamp applied before compression.</item>
/// <item>Output: 0.02. sPCEN's output is a difference (E/M^α + δ)^(1/r) − δ^(1/r) of two numbers near √2 whose float32
/// spacing is 1.2e-7, so one rounding step counts as 6e-6 at this floor.</item>
/// </list>
/// The end-to-end output is held to 2e-5 rather than 1e-5: frames whose pooled energy is within a few times the 1e-5
/// clamp inherit that energy's float32 error (≈1.5e-5 relative, the same in float64, so it is the golden data's own
/// rounding). Compression alone, fed the golden pooled energies, is held to 1e-5.
/// The golden <c>perturbed__noise</c> arrays were computed from a different noise realisation than noise__input.f32
/// (same spectrum, uncorrelated frames: its default counterpart matches to 6e-7), so that pair is only checked from the
/// golden pooled energies onwards.
/// </remarks>
public class GoldenLeafTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-5, OutputTolerance = 2e-5;
    private const double FilterFloor = 1e-12, EnergyFloor = 1e-4, OutputFloor = 0.02;

    public static TheoryData<string> Sets => [.. Golden.ParameterSets];

    public static TheoryData<string, string> SetsAndInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var set in Golden.ParameterSets)
            foreach (var input in Golden.Inputs)
                if (!(set == "perturbed" && input == "noise")) data.Add(set, input);
        return data;
    }

    public static TheoryData<string, string> AllSetsAndInputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var set in Golden.ParameterSets)
            foreach (var input in Golden.Inputs) data.Add(set, input);
        return data;
    }

    private double Compare(string label, Tensor actual, string golden, double floor, double tolerance)
    {
        var (expected, shape) = Golden.Load(golden);
        Assert.Equal(shape.Select(s => (long)s), actual.shape);
        double error = Golden.MaxRelativeError(TestSignals.Floats(actual), expected, floor);
        output.WriteLine($"{label,-34} worst relative error {error:E2} (floor {floor:G})");
        Assert.True(error <= tolerance, $"{label}: worst relative error {error:E2} > {tolerance:E0}");
        return error;
    }

    private static Tensor Input(string input) => tensor(Golden.Load($"{input}__input").Data).unsqueeze(0);

    [Theory]
    [MemberData(nameof(Sets))]
    public void FiltersMatch(string set)
    {
        using var leaf = new LeafFrontend(GoldenDescriptions.For(set));
        using var scope = NewDisposeScope();
        var (re, im) = leaf.Filterbank.ImpulseResponses();
        Compare($"{set} filters real", re, $"{set}__gabor_filters_real", FilterFloor, Tolerance);
        Compare($"{set} filters imag", im, $"{set}__gabor_filters_imag", FilterFloor, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void SquaredModulusMatches(string set)
    {
        using var leaf = new LeafFrontend(GoldenDescriptions.For(set));
        using var modulus = new SquaredModulus();
        using var scope = NewDisposeScope();
        var energies = modulus.forward(leaf.Filterbank.forward(Input("tone1k")))[0, .., ..2000];
        Compare($"{set} tone1k sqmod (2000 samples)", energies, $"{set}__tone1k__sqmod_first2000", EnergyFloor, Tolerance);
    }

    [Theory]
    [MemberData(nameof(SetsAndInputs))]
    public void PooledEnergiesAndOutputMatch(string set, string input)
    {
        using var leaf = new LeafFrontend(GoldenDescriptions.For(set));
        using var scope = NewDisposeScope();
        var x = Input(input);
        Compare($"{set} {input} pooled", leaf.PooledEnergies(x)[0], $"{set}__{input}__pooled", EnergyFloor, Tolerance);
        Compare($"{set} {input} leaf", leaf.forward(x)[0].T, $"{set}__{input}__leaf", OutputFloor, OutputTolerance);
    }

    [Theory]
    [MemberData(nameof(AllSetsAndInputs))]
    public void CompressionOfTheGoldenPooledEnergiesMatches(string set, string input)
    {
        var d = GoldenDescriptions.For(set).WithInitialParameters();
        using var pcen = new Pcen(d.Pcen, PcenValues.From(d));
        using var scope = NewDisposeScope();
        var (pooled, shape) = Golden.Load($"{set}__{input}__pooled");
        var energies = tensor(pooled).reshape(1, shape[0], shape[1]).AtLeast(d.EnergyFloor);
        Compare($"{set} {input} sPCEN(golden pooled)", pcen.forward(energies)[0], $"{set}__{input}__leaf", OutputFloor, Tolerance);
    }
}
