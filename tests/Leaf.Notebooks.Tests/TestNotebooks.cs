using System.Text.Json.Nodes;

namespace Leaf.Notebooks.Tests;

/// <summary>Writes small Polyglot-format notebooks for the tests.</summary>
internal static class TestNotebooks
{
    /// <summary>A notebook of markdown cells (strings starting with "# ") and C# code cells, saved under <paramref name="directory"/>.</summary>
    public static string Write(string directory, string name, params string[] cells)
    {
        var json = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(Cell).ToArray()),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        string path = Path.Combine(directory, name);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }

    private static JsonNode? Cell(string source) => source.StartsWith("# ", StringComparison.Ordinal)
        ? new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source }
        : new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
            },
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        };
}
