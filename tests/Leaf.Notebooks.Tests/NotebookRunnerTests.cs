using System.Buffers.Binary;
using System.Text.Json.Nodes;
using Leaf.NotebookRunner;
using Leaf.Tests;

namespace Leaf.Notebooks.Tests;

/// <summary>The runner end to end on tiny synthetic notebooks (each test builds and runs one generated program).</summary>
[Collection(DotnetBuildCollection.Name)]
public sealed class NotebookRunnerTests
{
    // A fixed program folder per test, so that repeated test runs reuse one build instead of piling up new ones.
    private static NotebookRunOptions Options(string test, string? output = null) => new()
    {
        OutputPath = output,
        ProgramDirectory = Path.Combine(Path.GetTempPath(), "leaf-notebook-tests", test),
        Timeout = TimeSpan.FromMinutes(5),
    };

    [Fact]
    public async Task OutputsAreSplitPerCellWithImagesAndExecutionCounts()
    {
        using var dir = new TempDirectory();
        string path = TestNotebooks.Write(dir.Path, "split.ipynb",
            "# A heading",
            "#r \"nuget: ScottPlot, 5.1.59\"\nusing ScottPlot;\nConsole.WriteLine(\"a1\");\nConsole.Error.WriteLine(\"a2\");",
            "int silent = 1;",
            "var plot = new Plot();\nplot.Add.Signal(new double[] { 1, 3, 2 });\nConsole.WriteLine($\"before {silent}\");\ndisplay(plot, 200, 100);\nConsole.WriteLine(\"after\");",
            "record Pair(int A, int B);\nnew Pair(silent, 2)");

        var result = await NotebookExecutor.RunAsync(path, Options(nameof(OutputsAreSplitPerCellWithImagesAndExecutionCounts)));

        Assert.Equal([2, 3, 4, 5], result.Outputs.Keys.Order());
        Assert.Equal([new TextOutput("a1\na2\n")], result.Outputs[2]);
        Assert.Empty(result.Outputs[3]);
        var plotCell = result.Outputs[4];
        Assert.Equal(3, plotCell.Count);
        Assert.Equal(new TextOutput("before 1\n"), plotCell[0]);
        AssertPng(Assert.IsType<ImageOutput>(plotCell[1]).Png, 200, 100);
        Assert.Equal(new TextOutput("after\n"), plotCell[2]);
        Assert.Equal([new TextOutput("Pair { A = 1, B = 2 }\n")], result.Outputs[5]);

        var saved = JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray();
        Assert.Equal("# A heading", (string?)saved[0]!["source"]);
        Assert.Null(saved[0]!["outputs"]);
        Assert.Equal([1, 2, 3, 4], saved.Skip(1).Select(c => (int)c!["execution_count"]!));
        Assert.Equal(["a1\n", "a2\n"], saved[1]!["outputs"]![0]!["text"]!.AsArray().Select(t => (string?)t));
        var image = saved[3]!["outputs"]![1]!;
        Assert.Equal("display_data", (string?)image["output_type"]);
        AssertPng(Convert.FromBase64String((string)image["data"]!["image/png"]!), 200, 100);
    }

    [Fact]
    public async Task AThrowingCellIsNamedAndTheNotebookIsLeftUnchanged()
    {
        using var dir = new TempDirectory();
        string path = TestNotebooks.Write(dir.Path, "throws.ipynb",
            "Console.WriteLine(\"fine\");",
            "# Then a cell that fails",
            "var items = new int[2];\nConsole.WriteLine(\"about to fail\");\nthrow new InvalidOperationException(\"the third cell broke\");",
            "Console.WriteLine(\"never\");");
        byte[] before = File.ReadAllBytes(path);
        string output = Path.Combine(dir.Path, "out.ipynb");

        var e = await Assert.ThrowsAsync<NotebookException>(() => NotebookExecutor.RunAsync(path, Options(nameof(AThrowingCellIsNamedAndTheNotebookIsLeftUnchanged), output)));

        Assert.Equal(3, e.CellNumber);
        Assert.StartsWith("cell 3: ", e.Message);
        Assert.Contains("the third cell broke", e.Message);
        Assert.Contains("cell-3:line 3", e.Message); // the stack trace points into the cell
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(dir.Path, ".*")); // no temporary file left behind
    }

    [Fact]
    public async Task ACompileErrorIsNamedWithCellAndLine()
    {
        using var dir = new TempDirectory();
        string path = TestNotebooks.Write(dir.Path, "broken.ipynb",
            "int ok = 1;",
            "Console.WriteLine(ok);\nint wrong = \"text\";");
        byte[] before = File.ReadAllBytes(path);

        var e = await Assert.ThrowsAsync<NotebookException>(() => NotebookExecutor.RunAsync(path, Options(nameof(ACompileErrorIsNamedWithCellAndLine))));

        Assert.Equal(2, e.CellNumber);
        Assert.Contains("line 2: CS0029", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    // PNG: 8-byte signature, then the IHDR chunk whose data starts with big-endian width and height.
    private static void AssertPng(byte[] png, int width, int height)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal("IEND"u8.ToArray(), png[^8..^4]);
    }
}
