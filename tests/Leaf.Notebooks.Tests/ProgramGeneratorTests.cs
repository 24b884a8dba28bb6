using Leaf.NotebookRunner;

namespace Leaf.Notebooks.Tests;

/// <summary>How cells become one program, without building it.</summary>
public sealed class ProgramGeneratorTests
{
    [Fact]
    public void DirectivesComeFirstUsingsAreHoistedAndTypesFollowTheStatements()
    {
        var cells = new[]
        {
            new NotebookCell(1, "// #:project ../src/Leaf.Onnx/Leaf.Onnx.csproj\n#r \"nuget: ScottPlot, 5.1.59\"\nusing System.Text;"),
            new NotebookCell(3, "record Point(int X);\nusing System.Numerics;\nvar p = new Point(1);"),
        };

        var lines = ProgramGenerator.Generate(cells, "/repo/notebooks").Split('\n');

        Assert.Contains("#:project /repo/src/Leaf.Onnx/Leaf.Onnx.csproj", lines);
        Assert.Contains("#:package ScottPlot@5.1.59", lines);
        int lastDirective = Array.FindLastIndex(lines, l => l.StartsWith("#:", StringComparison.Ordinal));
        int firstCode = Array.FindIndex(lines, l => !l.StartsWith('#') && l.Length > 0);
        Assert.True(lastDirective < firstCode);
        Assert.True(Array.IndexOf(lines, "using System.Numerics;") < Array.IndexOf(lines, "LeafNotebookShim.BeginProgram();"));
        Assert.True(Array.IndexOf(lines, "record Point(int X);") > Array.IndexOf(lines, "LeafNotebookShim.EndProgram();"));
        Assert.Equal("#line 1 \"cell-3\"", lines[Array.IndexOf(lines, "record Point(int X);") - 1]);
        Assert.Equal("#line 3 \"cell-3\"", lines[Array.IndexOf(lines, "var p = new Point(1);") - 1]);
        Assert.True(Array.IndexOf(lines, "LeafNotebookShim.BeginCell(1);") < Array.IndexOf(lines, "LeafNotebookShim.BeginCell(3);"));
    }

    [Fact]
    public void ATrailingExpressionIsDisplayed()
    {
        string program = ProgramGenerator.Generate([new NotebookCell(1, "var x = 2;\nx * 21")], "/nb");

        Assert.Contains("display(x * 21);", program);
    }

    [Theory]
    [InlineData("#r \"../bin/Leaf.Onnx.dll\"", "not supported")]
    [InlineData("#!time", "not supported")]
    [InlineData("#r \"nuget: ScottPlot\"", "has no version")]
    public void UnsupportedDirectivesNameTheCellAndLine(string directive, string problem)
    {
        var e = Assert.Throws<NotebookException>(() => ProgramGenerator.Generate([new NotebookCell(4, "int a = 1;\n" + directive)], "/nb"));

        Assert.Equal(4, e.CellNumber);
        Assert.StartsWith("cell 4: line 2: ", e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void OutputIsSplitAtMarkersAndCompletionIsDetected()
    {
        string m = NotebookShim.Marker;
        string stdout = $"{m}cell:2\nx\ny\n{m}png:iVBORw0=\nz\n{m}cell:5\n{m}end\n";

        var parsed = ProgramOutput.Parse(stdout);

        Assert.True(parsed.Completed);
        Assert.Equal(5, parsed.LastCell);
        Assert.Equal([new TextOutput("x\ny\n"), new ImageOutput(Convert.FromBase64String("iVBORw0=")), new TextOutput("z\n")],
            parsed.Cells[2].Select(o => o is ImageOutput i ? new ImageOutput(i.Png) : o), new CellOutputComparer());
        Assert.Empty(parsed.Cells[5]);
        Assert.False(ProgramOutput.Parse($"{m}cell:2\npartial\n").Completed);
    }

    [Fact]
    public void ANonNotebookIsRejectedWithItsName()
    {
        var e = Assert.Throws<InvalidDataException>(() => Notebook.Parse("{\"cells\": 3}", "bad.ipynb"));

        Assert.StartsWith("bad.ipynb: not a notebook", e.Message);
    }

    // Records holding arrays compare the array references; images compare by content here.
    private sealed class CellOutputComparer : IEqualityComparer<CellOutput>
    {
        public bool Equals(CellOutput? x, CellOutput? y) => (x, y) switch
        {
            (ImageOutput a, ImageOutput b) => a.Png.SequenceEqual(b.Png),
            _ => object.Equals(x, y),
        };

        public int GetHashCode(CellOutput obj) => 0;
    }
}
