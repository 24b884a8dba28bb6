using System.Text.Json.Nodes;
using Leaf.NotebookRunner;
using Leaf.Tests;

namespace Leaf.Notebooks.Tests;

/// <summary>
/// Every notebook under notebooks/ runs to the end (into a temporary copy: the committed file is not touched), and the
/// text it prints is the text saved in it with every number masked, so saved outputs are current and were produced by a
/// run. Numbers are masked because training and floating-point results may differ in their last digits on another CPU.
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public sealed class ShippedNotebookTests
{
    public static TheoryData<string> Notebooks() =>
        new(Directory.GetFiles(Repository.Path("notebooks"), "*.ipynb").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task RunsAndReproducesItsSavedTextOutputs(string name)
    {
        using var dir = new TempDirectory();
        string notebook = Repository.Path("notebooks", name);
        string copy = Path.Combine(dir.Path, name);

        // A failing cell throws NotebookException: "cell N: …" with the error.
        var result = await NotebookExecutor.RunAsync(notebook, new NotebookRunOptions { OutputPath = copy });

        Assert.Equal(TextOutputs(notebook), TextOutputs(copy));
        Assert.NotEmpty(result.Outputs.Values.SelectMany(o => o));
    }

    // The text outputs of each code cell, in order (images may differ between machines' font rendering).
    private static List<string> TextOutputs(string path) => JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray()
        .Where(c => (string?)c!["cell_type"] == "code")
        .Select(c => string.Concat(c!["outputs"]!.AsArray().Where(o => (string?)o!["output_type"] == "stream")
            .SelectMany(o => o!["text"]!.AsArray().Select(t => (string?)t))))
        .Select(MaskNumbers)
        .ToList();

    // Numbers become '#' and runs of spaces one space, so a wider number in an aligned table does not count as a change.
    private static string MaskNumbers(string text) => System.Text.RegularExpressions.Regex.Replace(
        System.Text.RegularExpressions.Regex.Replace(text, @"[-+]?\d+([.,]\d+)?([eE][-+]?\d+)?", "#"), @"[ \t]+", " ");
}
