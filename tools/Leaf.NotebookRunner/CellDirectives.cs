using System.Text.RegularExpressions;

namespace Leaf.NotebookRunner;

/// <summary>
/// The directive lines of a cell, turned into file-based program directives (<c>#:package</c>, <c>#:project</c>,
/// <c>#:property</c>), and the cell's code with those lines blanked (so line numbers still match the cell).
/// </summary>
/// <remarks>
/// Conventions: <c>#r "nuget: Name, Version"</c> (the notebook kernel's form) becomes <c>#:package Name@Version</c>;
/// a comment <c>// #:project path/to/X.csproj</c> (ignored by the kernel) references a local project, the path being
/// relative to the notebook's folder; <c>// #:package</c> and <c>// #:property</c> comments pass through.
/// </remarks>
public sealed partial record CellDirectives(IReadOnlyList<string> Directives, string Code)
{
    /// <summary>Splits <paramref name="cell"/>'s directives from its code; relative project paths resolve against <paramref name="notebookDirectory"/>.</summary>
    /// <exception cref="NotebookException">A directive the runner cannot honour (a DLL reference, a kernel magic command, a package without version).</exception>
    public static CellDirectives Parse(NotebookCell cell, string notebookDirectory)
    {
        var directives = new List<string>();
        var lines = cell.Source.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string? directive = ToDirective(lines[i].Trim(), cell, i + 1, notebookDirectory);
            if (directive is null) continue;
            directives.Add(directive);
            lines[i] = "";
        }
        return new CellDirectives(directives, string.Join('\n', lines));
    }

    private static string? ToDirective(string line, NotebookCell cell, int lineNumber, string notebookDirectory)
    {
        if (NugetReference().Match(line) is { Success: true } nuget)
            return nuget.Groups["version"].Success
                ? $"#:package {nuget.Groups["name"].Value}@{nuget.Groups["version"].Value}"
                : throw new NotebookException(cell.Number, $"line {lineNumber}: '{line}' has no version: write #r \"nuget: Name, Version\"");
        if (CommentDirective().Match(line) is { Success: true } comment)
        {
            string kind = comment.Groups["kind"].Value, value = comment.Groups["value"].Value.Trim();
            return kind == "project" ? $"#:project {Path.GetFullPath(value, notebookDirectory)}" : $"#:{kind} {value}";
        }
        if (line.StartsWith("#r ", StringComparison.Ordinal) || line.StartsWith("#!", StringComparison.Ordinal) || line.StartsWith("#i ", StringComparison.Ordinal))
            throw new NotebookException(cell.Number, $"line {lineNumber}: '{line}' is not supported: reference projects with '// #:project path.csproj' and packages with '#r \"nuget: Name, Version\"'");
        return null;
    }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<name>[^,"\s]+)\s*(,\s*(?<version>[^"\s]+)\s*)?"$""")]
    private static partial Regex NugetReference();

    [GeneratedRegex("""^//\s*#:(?<kind>project|package|property)\s+(?<value>.+)$""")]
    private static partial Regex CommentDirective();
}
