using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace Leaf.Tests;

/// <summary>No code of this test assembly, or of the LEAF assemblies it tests, hands libtorch a Scalar only the finalizer frees.</summary>
public sealed class FinalizerOnlyScalarsTests
{
    [Fact]
    public void NoLeafCodeHandsLibtorchAScalarThatOnlyTheFinalizerFrees()
    {
        // This test assembly and every LEAF assembly beside it (the projects it references, directly or not) that uses TorchSharp.
        var scanned = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("Leaf.", StringComparison.Ordinal) || name == "leaf.dll"))
            .Select(path => AssemblyName.GetAssemblyName(path)).Select(Assembly.Load)
            .Where(a => a.GetReferencedAssemblies().Any(r => r.Name == "TorchSharp")).ToArray();
        Assert.Contains(typeof(FinalizerOnlyScalarsTests).Assembly, scanned);
        var leaks = scanned.SelectMany(FinalizerOnlyScalars.In).Where(l => l.Method.DeclaringType != typeof(Offenders)).ToArray();
        Assert.True(leaks.Length == 0, $"{leaks.Length} calls pass libtorch a finalizer-only Scalar:\n{string.Join('\n', leaks.Select(l => l.ToString()))}");
    }

    [Theory]
    [InlineData("Leaf.Training.Frontends")]
    [InlineData("Leaf.Training.Classifiers")]
    public void TheModulesWriteArithmeticInOneVocabulary(string namespacePrefix)
    {
        var operators = FinalizerOnlyScalars.TensorOperators(typeof(Leaf.Training.Frontends.Frontend).Assembly, namespacePrefix);
        Assert.True(operators.Count == 0, $"{operators.Count} methods use tensor operators (write Plus, Minus, Times, DividedBy):\n{string.Join('\n', operators)}");
    }

    [Fact]
    public void TheVocabularyScanFindsEachOperator()
    {
        var found = FinalizerOnlyScalars.TensorOperators(typeof(Offenders).Assembly, typeof(Offenders).FullName!).Select(l => l.Method.Name).ToHashSet();
        Assert.Equal([nameof(Offenders.OperatorArithmetic), nameof(Offenders.PlusPassesAlphaOne)], found.Order());
    }

    [Fact]
    public void TheScanFindsEachKindOfLeak()
    {
        var leaks = FinalizerOnlyScalars.In(typeof(Offenders).Assembly).Where(l => l.Method.DeclaringType == typeof(Offenders))
            .ToDictionary(l => l.Method.Name, l => l.Reason);

        Assert.Contains("converts a number to a Scalar", leaks[nameof(Offenders.ImplicitConversion)]);
        Assert.Contains("calls Tensor.Tensor square()", leaks[nameof(Offenders.SquareIsPowTwo)]);
        Assert.Contains("calls Tensor.Tensor op_Addition(Tensor, Tensor)", leaks[nameof(Offenders.PlusPassesAlphaOne)]);
        Assert.Contains("creates a BatchNorm2d, whose BatchNorm.forward", leaks[nameof(Offenders.TorchSharpBatchNorm)]);
        Assert.Contains("creates a Adam, whose Adam.step", leaks[nameof(Offenders.TorchSharpAdam)]);
        Assert.DoesNotContain(nameof(Offenders.HeldScalar), leaks.Keys);
    }

    // Never run: the scan reads their IL.
    private static class Offenders
    {
        public static Tensor ImplicitConversion(Tensor x) => x.eq(0);
        public static Tensor SquareIsPowTwo(Tensor x) => x.square();
        public static Tensor PlusPassesAlphaOne(Tensor x, Tensor y) => x + y;
        public static Tensor OperatorArithmetic(Tensor x, Tensor y) => (x - y) * x / y;
        public static nn.Module<Tensor, Tensor> TorchSharpBatchNorm() => nn.BatchNorm2d(4);
        public static object TorchSharpAdam(TorchSharp.Modules.Parameter p) => optim.Adam([p]);

        public static Tensor HeldScalar(Tensor x)
        {
            using var zero = 0.ToScalar();
            return x.eq(zero);
        }
    }
}
