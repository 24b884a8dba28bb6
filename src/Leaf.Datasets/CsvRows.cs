using System.Text;

namespace Leaf.Datasets;

/// <summary>
/// A minimal RFC 4180 reader: comma-separated cells, double-quoted cells may hold commas, line breaks and doubled
/// quotes (""). Unquoted cells are trimmed; blank lines are skipped. Each row comes with the line it starts on.
/// </summary>
internal static class CsvRows
{
    /// <summary>The rows of <paramref name="text"/>.</summary>
    /// <param name="text">CSV text (LF or CRLF line ends).</param>
    /// <param name="source">Name for error messages.</param>
    /// <exception cref="InvalidDataException">A quoted cell is never closed, or text follows a closing quote.</exception>
    public static IEnumerable<(int Line, string[] Cells)> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cells = new List<string>();
        var cell = new StringBuilder();
        int line = 1, rowLine = 1, i = 0;
        bool quoted = false; // the current cell was quoted (so it is not trimmed, and nothing but a separator may follow)
        while (i <= text.Length)
        {
            char c = i < text.Length ? text[i] : '\n'; // a virtual line end closes the last row
            if (c == '"' && !quoted && cell.ToString().Trim().Length == 0)
            {
                cell.Clear();
                i = ReadQuoted(text, i + 1, cell, ref line, source);
                quoted = true;
                continue;
            }
            if (c == ',' || c == '\n' || c == '\r')
            {
                cells.Add(quoted ? cell.ToString() : cell.ToString().Trim());
                (cell.Length, quoted) = (0, false);
                if (c != ',')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    if (cells.Count > 1 || cells[0].Length > 0) yield return (rowLine, [.. cells]);
                    cells.Clear();
                    rowLine = ++line;
                }
                i++;
                continue;
            }
            if (quoted && !char.IsWhiteSpace(c)) throw new InvalidDataException($"{source}, line {line}: text after a closing quote");
            if (!quoted) cell.Append(c);
            i++;
        }
    }

    /// <summary>Reads a quoted cell's content after its opening quote; returns the index after the closing quote.</summary>
    private static int ReadQuoted(string text, int i, StringBuilder cell, ref int line, string source)
    {
        int start = line;
        for (; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; continue; }
                return i + 1;
            }
            if (text[i] == '\n') line++;
            cell.Append(text[i]);
        }
        throw new InvalidDataException($"{source}, line {start}: a quoted cell is never closed");
    }
}
