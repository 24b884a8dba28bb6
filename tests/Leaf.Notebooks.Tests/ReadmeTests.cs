using System.Diagnostics;
using System.Text.RegularExpressions;
using Leaf.Tests;

namespace Leaf.Notebooks.Tests;

/// <summary>
/// The README's code blocks marked <c>&lt;!-- runnable --&gt;</c> run as written, in order, in a fresh folder: shell blocks
/// with bash (<c>./leaf</c> there is the repository's launcher), C# blocks as file-based programs (<c>dotnet run file.cs</c>)
/// referencing the library projects they use.
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
    public void RunnableBlocksRunAsWritten()
    {
        using var dir = new TempDirectory();
        File.CreateSymbolicLink(Path.Combine(dir.Path, "leaf"), Repository.Path("leaf"));
        foreach (var (language, code, line) in RunnableBlocks())
        {
            if (language == "sh") RunShell(code, dir.Path, line);
            else RunCSharp(code, dir.Path, line);
        }
    }

    private static void RunShell(string code, string directory, int line)
    {
        var (exitCode, output) = Run(directory, TimeSpan.FromMinutes(10), "bash", "-euo", "pipefail", "-c", code);
        Assert.True(exitCode == 0, $"README.md line {line}: the shell block exited with {exitCode}\n{output}");
    }

    // The block becomes a file-based program referencing the library projects, kept at a fixed path under artifacts/ so
    // that repeated runs reuse its build; it runs in the working folder, where the shell blocks left their files. Warnings
    // stay warnings (the block is user code, not the library's), and it is an ordinary program: file-based programs
    // default to native AOT, which turns off the reflection-based JSON that ML.NET's model loading uses.
    private static void RunCSharp(string code, string directory, int line)
    {
        string program = Repository.Path("artifacts", "readme", $"block-{line}.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(program)!);
        string references = string.Concat(LibraryProjects.Select(p => $"#:project {Repository.Path("src", p, p + ".csproj")}\n"));
        File.WriteAllText(program, $"{references}#:property TreatWarningsAsErrors=false\n#:property PublishAot=false\n{code}\n");
        var (exitCode, output) = Run(directory, TimeSpan.FromMinutes(5), "dotnet", "run", "-c", "Release", program);
        Assert.True(exitCode == 0, $"README.md line {line}: the C# block failed ({exitCode})\n{output}");
    }

    // Runs a program in a folder to the end (killed after the limit); its exit code, standard output then standard error.
    private static (int ExitCode, string Output) Run(string directory, TimeSpan limit, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(limit)) process.Kill(entireProcessTree: true);
        return (process.ExitCode, stdout + "\n" + stderr.Result);
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
