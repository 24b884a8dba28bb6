using System.Diagnostics;
using System.Text.RegularExpressions;
using Leaf.NotebookRunner;
using Leaf.Tests;

namespace Leaf.Notebooks.Tests;

/// <summary>
/// The README's code blocks marked <c>&lt;!-- runnable --&gt;</c> run as written, in order, in a fresh folder: shell blocks
/// with bash (<c>./leaf</c> there is the repository's launcher), C# blocks as one file-based program referencing the
/// library projects they use, through the notebook runner.
/// </summary>
[Collection(DotnetBuildCollection.Name)]
public sealed partial class ReadmeTests
{
    private static readonly string[] LibraryProjects = ["Leaf.MLNet", "Leaf.Scoring"];

    [Fact]
    public void TheReadmeHasRunnableShellAndCSharpBlocks()
    {
        var blocks = RunnableBlocks();
        Assert.Contains(blocks, b => b.Language == "sh");
        Assert.Contains(blocks, b => b.Language == "csharp");
    }

    [Fact]
    public async Task RunnableBlocksRunAsWritten()
    {
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "leaf"), Repository.Path("leaf"));
        foreach (var (language, code, line) in RunnableBlocks())
        {
            if (language == "sh") RunShell(code, dir.Path, line);
            else await RunCSharp(code, dir.Path, line);
        }
    }

    private static void RunShell(string code, string directory, int line)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", code])
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10))) process.Kill(entireProcessTree: true);
        Assert.True(process.ExitCode == 0, $"README.md line {line}: the shell block exited with {process.ExitCode}\n{stdout}\n{stderr.Result}");
    }

    // The block becomes a one-cell notebook in the working folder, preceded by a cell referencing the library projects.
    private static async Task RunCSharp(string code, string directory, int line)
    {
        string references = string.Join('\n', LibraryProjects.Select(p => $"// #:project {Repository.Path("src", p, p + ".csproj")}"));
        string notebook = TestNotebooks.Write(directory, $"readme-{line}.ipynb", references, code);
        try
        {
            await NotebookExecutor.RunAsync(notebook, new NotebookRunOptions { ProgramDirectory = Repository.Path("artifacts", "readme", $"block-{line}"), Timeout = TimeSpan.FromMinutes(5) });
        }
        catch (NotebookException e)
        {
            Assert.Fail($"README.md line {line}: the C# block failed: {e.Message}");
        }
    }

    // (language, code, line of the opening fence) of each fenced block directly after a '<!-- runnable -->' line.
    private static List<(string Language, string Code, int Line)> RunnableBlocks()
    {
        string[] lines = File.ReadAllLines(Repository.Path("README.md"));
        var blocks = new List<(string, string, int)>();
        for (int i = 0; i + 1 < lines.Length; i++)
        {
            if (lines[i].Trim() != "<!-- runnable -->") continue;
            var fence = Fence().Match(lines[i + 1]);
            Assert.True(fence.Success, $"README.md line {i + 2}: a runnable marker must be followed by a ```sh or ```csharp fence");
            int end = Array.FindIndex(lines, i + 2, l => l.StartsWith("```", StringComparison.Ordinal));
            Assert.True(end > 0, $"README.md line {i + 2}: the block is not closed");
            blocks.Add((fence.Groups["lang"].Value, string.Join('\n', lines[(i + 2)..end]), i + 2));
        }
        return blocks;
    }

    [GeneratedRegex("^```(?<lang>sh|csharp)$")]
    private static partial Regex Fence();
}
