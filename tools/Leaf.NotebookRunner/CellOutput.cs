using System.Text.Json.Nodes;

namespace Leaf.NotebookRunner;

/// <summary>One output of a code cell, as saved in the notebook.</summary>
public abstract record CellOutput
{
    /// <summary>The nbformat 4 JSON of this output.</summary>
    public abstract JsonObject ToJson();
}

/// <summary>Text the cell wrote to the console (standard error is redirected into it, so the order is kept).</summary>
public sealed record TextOutput(string Text) : CellOutput
{
    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["name"] = "stdout",
        ["output_type"] = "stream",
        ["text"] = Notebook.SplitLines(Text),
    };
}

/// <summary>A PNG image the cell displayed.</summary>
public sealed record ImageOutput(byte[] Png) : CellOutput
{
    /// <inheritdoc/>
    public override JsonObject ToJson() => new()
    {
        ["data"] = new JsonObject { ["image/png"] = Convert.ToBase64String(Png) },
        ["metadata"] = new JsonObject(),
        ["output_type"] = "display_data",
    };
}
