using System.Text.Json.Nodes;

namespace Leaf.Notebooks.Tests;

/// <summary>The outputs of a notebook's code cells as saved in its file (numbered as in the notebook, from 1).</summary>
public sealed record ExecutedNotebook(string Path, int ExitCode, IReadOnlyList<ExecutedCell> Cells)
{
    /// <summary>Reads a notebook file; <paramref name="exitCode"/> is the runner's (0 for a committed file).</summary>
    public static ExecutedNotebook Load(string path, int exitCode = 0)
    {
        var cells = JsonNode.Parse(File.ReadAllText(path))?["cells"] as JsonArray
            ?? throw new InvalidDataException($"{path}: not a notebook (no \"cells\" array)");
        var code = cells.Select((cell, i) => (Cell: cell!, Number: i + 1))
            .Where(c => (string?)c.Cell["cell_type"] == "code")
            .Select(c => new ExecutedCell(c.Number, Joined(c.Cell["source"]), c.Cell["outputs"]!.AsArray().Select(o => o!).ToList()))
            .ToList();
        return new ExecutedNotebook(path, exitCode, code);
    }

    /// <summary>"cell N: name: message" for each error output, in cell order.</summary>
    public IEnumerable<string> Errors => Cells.SelectMany(c => c.Outputs
        .Where(o => (string?)o["output_type"] == "error")
        .Select(o => $"cell {c.Number}: {(string?)o["ename"]}: {(string?)o["evalue"]}"));

    /// <summary>Fails with every error output (or the runner's exit code) unless the run was clean.</summary>
    public void AssertRanWithoutErrors()
    {
        var errors = Errors.ToList();
        Assert.True(errors.Count == 0, $"{System.IO.Path.GetFileName(Path)}: {string.Join('\n', errors)}");
        Assert.True(ExitCode == 0, $"{System.IO.Path.GetFileName(Path)}: dotnet-repl exited with {ExitCode}");
    }

    /// <summary>Source and outputs may be one string or an array of lines in .ipynb.</summary>
    internal static string Joined(JsonNode? node) => node is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)node ?? "";
}

/// <summary>One code cell: its number among all cells, its source and its outputs as saved.</summary>
public sealed record ExecutedCell(int Number, string Source, IReadOnlyList<JsonNode> Outputs)
{
    /// <summary>The text the cell printed (its stream outputs, joined).</summary>
    public string Text => string.Concat(Outputs.Where(o => (string?)o["output_type"] == "stream").Select(o => ExecutedNotebook.Joined(o["text"])));

    /// <summary>The PNG images the cell displayed.</summary>
    public IEnumerable<byte[]> Images => Outputs
        .Select(o => o["data"]?["image/png"])
        .Where(png => png is not null)
        .Select(png => Convert.FromBase64String(ExecutedNotebook.Joined(png)));
}
