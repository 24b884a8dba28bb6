using System.Text;

namespace Leaf.NotebookRunner;

/// <summary>A generated program's standard output, split at the shim's markers into the outputs of each cell.</summary>
public sealed record ProgramOutput(IReadOnlyDictionary<int, IReadOnlyList<CellOutput>> Cells, int? LastCell, bool Completed)
{
    /// <summary>Splits <paramref name="stdout"/>: text between markers goes to the cell begun last, consecutive lines forming one text output.</summary>
    public static ProgramOutput Parse(string stdout)
    {
        var cells = new Dictionary<int, List<CellOutput>>();
        var text = new StringBuilder();
        int? current = null;
        bool completed = false;
        void FlushText()
        {
            if (current is { } n && text.Length > 0) cells[n].Add(new TextOutput(text.ToString()));
            text.Clear();
        }
        foreach (string line in stdout.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
        {
            if (!line.StartsWith(NotebookShim.Marker, StringComparison.Ordinal))
            {
                text.Append(line).Append('\n');
                continue;
            }
            FlushText();
            string tag = line[NotebookShim.Marker.Length..];
            if (tag.StartsWith(NotebookShim.CellTag, StringComparison.Ordinal))
            {
                current = int.Parse(tag[NotebookShim.CellTag.Length..], System.Globalization.CultureInfo.InvariantCulture);
                cells[current.Value] = [];
            }
            else if (tag.StartsWith(NotebookShim.ImageTag, StringComparison.Ordinal) && current is { } n)
                cells[n].Add(new ImageOutput(Convert.FromBase64String(tag[NotebookShim.ImageTag.Length..])));
            else if (tag == NotebookShim.EndTag)
                completed = true;
        }
        FlushText();
        return new ProgramOutput(cells.ToDictionary(c => c.Key, c => (IReadOnlyList<CellOutput>)c.Value), current, completed);
    }
}
