using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Leaf.Audio;

namespace Leaf.NotebookRunner;

/// <summary>
/// An .ipynb document (Jupyter nbformat 4, as Polyglot Notebooks write it), kept as a JSON tree so that everything the
/// runner does not touch (metadata, markdown cells, fields of other tools) is written back unchanged.
/// </summary>
public sealed class Notebook
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1, // Jupyter's own layout
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsonObject root;
    private readonly JsonArray cells;

    private Notebook(JsonObject root, JsonArray cells)
    {
        this.root = root;
        this.cells = cells;
    }

    /// <summary>The code cells, in order, with their 1-based position among all cells.</summary>
    public IReadOnlyList<NotebookCell> CodeCells => cells
        .Select((cell, i) => (cell: cell!.AsObject(), number: i + 1))
        .Where(c => (string?)c.cell["cell_type"] == "code")
        .Select(c => new NotebookCell(c.number, JoinSource(c.cell["source"])))
        .ToList();

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook.</exception>
    public static Notebook Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses notebook JSON; <paramref name="source"/> names it in error messages.</summary>
    /// <exception cref="InvalidDataException">The text is not an nbformat 4 notebook.</exception>
    public static Notebook Parse(string json, string source)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not valid JSON: {e.Message}", e);
        }
        if (node is not JsonObject root || root["cells"] is not JsonArray cells || cells.Any(c => c is not JsonObject))
            throw new InvalidDataException($"{source}: not a notebook (an object with a 'cells' array of objects)");
        if ((int?)root["nbformat"] is not 4)
            throw new InvalidDataException($"{source}: nbformat {root["nbformat"]?.ToJsonString() ?? "missing"}, expected 4");
        return new Notebook(root, cells);
    }

    /// <summary>
    /// Replaces the outputs of every code cell: <paramref name="outputs"/> is keyed by cell number; code cells get
    /// execution counts 1, 2, … in order.
    /// </summary>
    public void SetOutputs(IReadOnlyDictionary<int, IReadOnlyList<CellOutput>> outputs)
    {
        int count = 0;
        for (int i = 0; i < cells.Count; i++)
        {
            var cell = cells[i]!.AsObject();
            if ((string?)cell["cell_type"] != "code") continue;
            cell["execution_count"] = ++count;
            var list = outputs.TryGetValue(i + 1, out var o) ? o : [];
            cell["outputs"] = new JsonArray(list.Select(x => (JsonNode?)x.ToJson()).ToArray());
        }
    }

    /// <summary>The notebook as JSON text, laid out as Jupyter writes it.</summary>
    public string ToJson() => root.ToJsonString(WriteOptions) + "\n";

    /// <summary>Writes the notebook atomically.</summary>
    public void Save(string path) => AtomicFile.WriteText(path, ToJson());

    /// <summary>nbformat multi-line text: one string per line, each but the last ending in a newline.</summary>
    public static JsonArray SplitLines(string text)
    {
        string[] lines = text.Split('\n');
        return new(lines.Select((line, i) => i < lines.Length - 1 ? line + "\n" : line).Where(l => l.Length > 0).Select(l => (JsonNode?)l).ToArray());
    }

    private static string JoinSource(JsonNode? source) => source switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        JsonValue text => (string?)text ?? "",
        _ => "",
    };
}
