using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Leaf.MLNet.Tests;

/// <summary>
/// An ML.NET program written the ML.NET way, with <c>using Microsoft.ML;</c> and no <c>using Leaf.MLNet;</c>, compiles
/// (the catalog is in the <c>Microsoft.ML</c> namespace, as ML.NET's own component catalogs are) and runs: it trains,
/// saves, reloads and predicts.
/// </summary>
public sealed class MicrosoftMLUsingOnlyTests
{
    private const string Program = """
        using Microsoft.ML;

        public static class HeldOutStyleProgram
        {
            public static (double Fitted, double Reloaded) Run(string[] paths, string[] labels, string zip)
            {
                var ml = new MLContext(seed: 1);
                var data = ml.Data.LoadFromEnumerable(paths.Select((p, i) => new Clip { Path = p, Label = labels[i] }).ToArray());
                var pipeline = ml.Transforms.LoadAudio("Waveform", "Path", new() { NormalizeLoudness = true })
                    .Append(ml.Transforms.LeafFeaturize("Features", "Waveform"))
                    .AppendCacheCheckpoint(ml)
                    .Append(ml.Transforms.NormalizeMinMax("Features"))
                    .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
                    .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy());
                var model = pipeline.Fit(data);
                double fitted = ml.MulticlassClassification.Evaluate(model.Transform(data)).MicroAccuracy;
                ml.Model.Save(model, data.Schema, zip);
                var ml2 = new MLContext();
                ml2.ComponentCatalog.RegisterAssembly(typeof(LeafCatalog).Assembly);
                var reloaded = ml2.Model.Load(zip, out _);
                return (fitted, ml2.MulticlassClassification.Evaluate(reloaded.Transform(data)).MicroAccuracy);
            }
        }

        public sealed class Clip
        {
            public string Path { get; set; } = "";
            public string Label { get; set; } = "";
        }
        """;

    private static Assembly Compile(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        // What a console project's ImplicitUsings adds (the SDK's global usings); nothing of Leaf.
        const string implicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Threading.Tasks;";
        var compilation = CSharpCompilation.Create("HeldOutStyle", [CSharpSyntaxTree.ParseText(implicitUsings, parse), CSharpSyntaxTree.ParseText(source, parse)],
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    }

    [Fact]
    public void AProgramWithOnlyUsingMicrosoftMLCompilesAndRuns()
    {
        using var temp = new TempAudio();
        string[] labels = [.. Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? "low" : "high")];
        string[] paths = [.. labels.Select((label, i) => temp.Tone($"{label}{i}", label == "low" ? 300 + 10 * i : 3000 + 50 * i, 1, seed: i))];
        var run = Compile(Program).GetType("HeldOutStyleProgram")!.GetMethod("Run")!;
        var (fitted, reloaded) = ((double, double))run.Invoke(null, [paths, labels, Path.Combine(temp.Folder, "model.zip")])!;
        Assert.Equal(1.0, fitted);
        Assert.Equal(fitted, reloaded);
    }

    [Fact]
    public void TheCompileCheckFailsOnAnUnknownTransform()
    {
        // The check above is only worth something if the compilation really depends on the catalog's namespace.
        var e = Assert.Throws<Xunit.Sdk.TrueException>(() => Compile(Program.Replace("ml.Transforms.LoadAudio", "ml.Transforms.LoadAudioX")));
        Assert.Contains("'TransformsCatalog' does not contain a definition for 'LoadAudioX'", e.Message);
    }
}
