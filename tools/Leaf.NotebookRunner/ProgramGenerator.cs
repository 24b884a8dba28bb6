using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Leaf.NotebookRunner;

/// <summary>
/// Turns a notebook's code cells into one file-based C# program (<c>dotnet run file.cs</c>): directives first, then
/// every cell's <c>using</c> directives, then the cells' statements in order (each preceded by a marker line on
/// standard output), then the cells' type declarations, which C# requires after top-level statements. <c>#line</c>
/// directives name each piece <c>cell-N</c>, so compiler errors and stack traces point at the notebook cell.
/// </summary>
public static class ProgramGenerator
{
    /// <summary>
    /// Properties every generated program gets: no AOT publishing analysers (the program is only run); the invariant
    /// culture, so that numbers print the same on every machine; warnings stay warnings; and package versions come from
    /// the notebook's own <c>#r "nuget: Name, Version"</c> lines even inside a repository with central package versions.
    /// </summary>
    private static readonly string[] DefaultDirectives =
    [
        "#:property PublishAot=false", "#:property InvariantGlobalization=true",
        "#:property TreatWarningsAsErrors=false", "#:property ManagePackageVersionsCentrally=false",
        "#:property EmbedUntrackedSources=false", // source link would try to embed the "cell-N" files named by #line
    ];

    private static readonly CSharpParseOptions FileOptions = new(LanguageVersion.Preview);

    private static readonly CSharpParseOptions ScriptOptions = FileOptions.WithKind(SourceCodeKind.Script);

    /// <summary>The file name a compiler diagnostic or stack frame uses for cell <paramref name="number"/>.</summary>
    public static string CellFileName(int number) => $"cell-{number}";

    /// <summary>The program for <paramref name="cells"/>; relative project paths resolve against <paramref name="notebookDirectory"/>.</summary>
    /// <exception cref="NotebookException">A cell holds a directive the runner cannot honour.</exception>
    public static string Generate(IReadOnlyList<NotebookCell> cells, string notebookDirectory)
    {
        var directives = new List<string>(DefaultDirectives);
        var usings = new StringBuilder();
        var statements = new StringBuilder();
        var types = new StringBuilder();
        foreach (var cell in cells)
        {
            var parsed = CellDirectives.Parse(cell, notebookDirectory);
            directives.AddRange(parsed.Directives.Where(d => !directives.Contains(d)));
            var unit = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(DisplayTrailingExpression(parsed.Code), FileOptions).GetRoot();
            foreach (var u in unit.Usings) Append(usings, cell, u);
            statements.AppendLine("#line hidden").AppendLine($"LeafNotebookShim.BeginCell({cell.Number});");
            foreach (var member in unit.Members)
                Append(member is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or BaseNamespaceDeclarationSyntax ? types : statements, cell, member);
        }
        return new StringBuilder()
            .AppendJoin('\n', directives).Append('\n')
            .Append(usings)
            .AppendLine("using static LeafNotebookShim;")
            .AppendLine("#line hidden")
            .AppendLine("LeafNotebookShim.BeginProgram();")
            .Append(statements)
            .AppendLine("#line hidden")
            .AppendLine("LeafNotebookShim.EndProgram();")
            .Append(types)
            .AppendLine("#line hidden")
            .AppendLine(NotebookShim.Source)
            .ToString();
    }

    // A trailing expression without semicolon is displayed, as the kernel displays a cell's last expression. Only the
    // script grammar accepts it, so the cell is parsed as a script to find it, then rewritten as a display call.
    private static string DisplayTrailingExpression(string code)
    {
        var last = ((CompilationUnitSyntax)CSharpSyntaxTree.ParseText(code, ScriptOptions).GetRoot()).Members.LastOrDefault();
        if (last is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } e }
            || e.Expression.ContainsDiagnostics || code[e.Expression.Span.End..].Trim().Length > 0)
            return code;
        return $"{code[..e.Expression.SpanStart]}display({e.Expression});{code[e.Expression.Span.End..]}";
    }

    // The node's text, preceded by a #line directive mapping it back to its line in the cell.
    private static void Append(StringBuilder to, NotebookCell cell, SyntaxNode node)
    {
        int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        to.AppendLine($"#line {line} \"{CellFileName(cell.Number)}\"").AppendLine(node.ToString());
    }
}
