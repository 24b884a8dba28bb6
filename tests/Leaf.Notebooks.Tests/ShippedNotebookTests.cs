using System.Text.RegularExpressions;
using Leaf.Tests;

namespace Leaf.Notebooks.Tests;

/// <summary>
/// Every notebook under notebooks/ runs to the end with dotnet-repl as it is committed (the same file Polyglot Notebooks
/// opens), and the text it prints is the text saved in it with every number masked, so saved outputs are current and were
/// produced by a run. Numbers are masked because training and floating-point results may differ in their last digits on
/// another CPU; the key results that must not differ are checked exactly.
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public sealed partial class ShippedNotebookTests(ShippedNotebookRuns runs)
{
    private const string BuiltAssemblies = "../src/Leaf.Cli/bin/Release/net10.0/";

    public static TheoryData<string> Notebooks() =>
        new(Directory.GetFiles(Repository.Path("notebooks"), "*.ipynb").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task RunsWithoutErrors(string name)
    {
        var run = await runs.Get(name);

        run.AssertRanWithoutErrors();
        Assert.NotEmpty(run.Cells.SelectMany(c => c.Outputs));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task ReproducesItsSavedTextOutputs(string name)
    {
        var saved = ExecutedNotebook.Load(Repository.Path("notebooks", name));
        var run = await runs.Get(name);

        Assert.Equal(saved.Cells.Select(c => MaskNumbers(c.Text)), run.Cells.Select(c => MaskNumbers(c.Text)));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void IsSavedWithOutputsAndWithoutErrors(string name)
    {
        var saved = ExecutedNotebook.Load(Repository.Path("notebooks", name));

        saved.AssertRanWithoutErrors();
        Assert.NotEmpty(saved.Cells.SelectMany(c => c.Outputs));
    }

    // Polyglot Notebooks and dotnet-repl resolve '#r' paths from the notebook's folder; the first cell references the
    // CLI's build output (every LEAF assembly with its dependencies), and nothing else is fetched or built.
    [Theory]
    [MemberData(nameof(Notebooks))]
    public void ReferencesTheBuiltAssembliesFromItsFolder(string name)
    {
        var cells = ExecutedNotebook.Load(Repository.Path("notebooks", name)).Cells;
        var references = Reference().Matches(cells[0].Source).Select(m => m.Groups["path"].Value).ToList();

        Assert.Contains(references, r => Path.GetFileName(r).StartsWith("Leaf.", StringComparison.Ordinal));
        Assert.All(references, r => Assert.StartsWith(BuiltAssemblies, r));
        Assert.All(references, r => Assert.True(File.Exists(Repository.Path("notebooks", r)), $"{name}: {r} does not exist (build the CLI)"));
        Assert.All(cells.Skip(1), c => Assert.DoesNotMatch(Reference(), c.Source));
        Assert.All(cells, c => Assert.DoesNotContain("#:", c.Source));
    }

    [Theory]
    [InlineData("01-featurize.ipynb", 10, 900, 380)]
    [InlineData("02-train-leaf-vs-mel.ipynb", 8, 700, 380)]
    [InlineData("02-train-leaf-vs-mel.ipynb", 9, 700, 300)]
    public async Task ShowsPlotsAsPngImages(string name, int cell, int width, int height)
    {
        var saved = ExecutedNotebook.Load(Repository.Path("notebooks", name)).Cells.Single(c => c.Number == cell);
        var run = (await runs.Get(name)).Cells.Single(c => c.Number == cell);

        Png.AssertSize(Assert.Single(run.Images), width, height);
        Png.AssertSize(Assert.Single(saved.Images), width, height);
    }

    // Results that do not depend on floating-point details, checked in the run (the saved text is compared above).
    [Theory]
    [InlineData("01-featurize.ipynb", 6, @"LEAF: leaf, 280 parameters, features \[100 frames × 40 channels\][^\n]*\n.*\nmel : mel, 0 parameters, features \[100 frames × 40 channels\]")]
    [InlineData("02-train-leaf-vs-mel.ipynb", 4, @"wrote 120 clips\n")]
    [InlineData("03-mlnet-pipeline.ipynb", 10, @"the loaded model agrees with the trained one on 30 of 30 test clips")]
    [InlineData("04-batch-scoring.ipynb", 6, @"labels \[buzz, hiss, tone\]")]
    public async Task ReportsItsKeyResults(string name, int cell, string pattern)
    {
        var run = (await runs.Get(name)).Cells.Single(c => c.Number == cell);

        Assert.Matches(pattern, run.Text);
    }

    // Numbers become '#' and runs of spaces one space, so a wider number in an aligned table does not count as a change.
    private static string MaskNumbers(string text) =>
        Regex.Replace(Regex.Replace(text, @"[-+]?\d+([.,]\d+)?([eE][-+]?\d+)?", "#"), @"[ \t]+", " ");

    [GeneratedRegex("""^#r "(?<path>[^"]+)"$""", RegexOptions.Multiline)]
    private static partial Regex Reference();
}
