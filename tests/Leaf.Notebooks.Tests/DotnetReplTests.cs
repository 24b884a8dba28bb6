using Leaf.Tests;

namespace Leaf.Notebooks.Tests;

/// <summary>
/// What the notebook tests rely on from dotnet-repl, on tiny notebooks: outputs land in their cells, and a failing cell
/// is reported by number with its error while the notebook that was run stays as it was.
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public sealed class DotnetReplTests
{
    [Fact]
    public async Task OutputsLandInTheirCells()
    {
        using var dir = new TempDirectory(Repository.Path("artifacts"));
        string path = TestNotebooks.Write(dir.Path, "cells.ipynb",
            "# A heading",
            "Console.WriteLine(\"a1\");\nConsole.WriteLine(\"a2\");",
            "int silent = 1;",
            "record Pair(int A, int B);\nConsole.WriteLine(new Pair(silent, 2));");

        var run = await DotnetRepl.RunAsync(path, Path.Combine(dir.Path, "out.ipynb"));

        run.AssertRanWithoutErrors();
        Assert.Equal([2, 3, 4], run.Cells.Select(c => c.Number));
        Assert.Equal(["a1\na2\n", "", "Pair { A = 1, B = 2 }\n"], run.Cells.Select(c => c.Text));
        Assert.Empty(run.Cells[1].Outputs);
    }

    [Fact]
    public async Task AThrowingCellIsNamedAndTheNotebookIsLeftUnchanged()
    {
        using var dir = new TempDirectory(Repository.Path("artifacts"));
        string path = TestNotebooks.Write(dir.Path, "throws.ipynb",
            "Console.WriteLine(\"fine\");",
            "# Then a cell that fails",
            "var items = new int[2];\nConsole.WriteLine(\"about to fail\");\nthrow new InvalidOperationException(\"the third cell broke\");");
        byte[] before = File.ReadAllBytes(path);

        var run = await DotnetRepl.RunAsync(path, Path.Combine(dir.Path, "out.ipynb"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.StartsWith("cell 3: ", Assert.Single(run.Errors));
        Assert.Contains("the third cell broke", run.Errors.Single());
        Assert.Equal("fine\n", run.Cells[0].Text);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task ACompileErrorIsNamedWithCellAndLine()
    {
        using var dir = new TempDirectory(Repository.Path("artifacts"));
        string path = TestNotebooks.Write(dir.Path, "broken.ipynb",
            "int ok = 1;",
            "Console.WriteLine(ok);\nint wrong = \"text\";");

        var run = await DotnetRepl.RunAsync(path, Path.Combine(dir.Path, "out.ipynb"));

        Assert.NotEqual(0, run.ExitCode);
        string error = Assert.Single(run.Errors);
        Assert.StartsWith("cell 2: ", error);
        Assert.Contains("(2,13): error CS0029", error);
    }
}
