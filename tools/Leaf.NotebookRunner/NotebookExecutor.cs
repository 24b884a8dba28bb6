using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Leaf.NotebookRunner;

/// <summary>
/// Executes a notebook: generates its program (<see cref="ProgramGenerator"/>), builds it in Release, runs it with the
/// notebook's folder as current folder, and writes the notebook back with every code cell's outputs and execution
/// count. On any failure it throws <see cref="NotebookException"/> naming the cell, and writes nothing.
/// </summary>
public static partial class NotebookExecutor
{
    private const int MessageLines = 30;

    /// <summary>Runs the notebook at <paramref name="notebookPath"/>.</summary>
    /// <exception cref="NotebookException">A cell failed to compile or threw, the build failed, or the run timed out.</exception>
    /// <exception cref="InvalidDataException">The file is not a notebook.</exception>
    public static async Task<NotebookRunResult> RunAsync(string notebookPath, NotebookRunOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new();
        string notebookFull = Path.GetFullPath(notebookPath);
        string notebookDirectory = Path.GetDirectoryName(notebookFull)!;
        var notebook = Notebook.Load(notebookFull);
        string program = WriteProgram(notebookFull, ProgramGenerator.Generate(notebook.CodeCells, notebookDirectory), options);

        var build = await DotnetCommand.RunAsync(["build", "-c", "Release", "-v", "q", "-nologo", program], notebookDirectory, options.Timeout, cancellation);
        if (build.TimedOut) throw new NotebookException(null, $"building {program} took longer than {options.Timeout}");
        if (build.ExitCode != 0) throw BuildFailure(build.Output + build.Errors, program);

        var run = await DotnetCommand.RunAsync(["run", "-c", "Release", "--no-build", program], notebookDirectory, options.Timeout, cancellation);
        var output = ProgramOutput.Parse(run.Output);
        if (run.TimedOut)
            throw new NotebookException(output.LastCell, $"still running after {options.Timeout}");
        if (run.ExitCode != 0 || !output.Completed)
            throw new NotebookException(output.LastCell, $"the program exited with code {run.ExitCode}{(output.Completed ? "" : " before the last cell finished")}:\n{Tail(run.Errors)}");

        notebook.SetOutputs(output.Cells);
        string outputPath = Path.GetFullPath(options.OutputPath ?? notebookFull);
        notebook.Save(outputPath);
        return new NotebookRunResult(program, outputPath, output.Cells);
    }

    // The program file is rewritten only when it changed, so that an unchanged notebook's build stays up to date.
    private static string WriteProgram(string notebookFull, string source, NotebookRunOptions options)
    {
        string stem = Path.GetFileNameWithoutExtension(notebookFull);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(notebookFull)))[..12];
        string directory = options.ProgramDirectory ?? Path.Combine(ArtifactsRoot(notebookFull) ?? Path.Combine(Path.GetTempPath(), "leaf-notebooks"), $"{stem}-{hash}");
        string path = Path.Combine(directory, "nb_" + NonIdentifier().Replace(stem, "_") + ".cs");
        if (!File.Exists(path) || File.ReadAllText(path) != source) Leaf.Audio.AtomicFile.WriteText(path, source);
        return path;
    }

    // Inside a repository (the first folder above the notebook holding Directory.Build.props), programs go to its
    // artifacts/notebooks folder, so they build with the repository's settings and build steps like its projects do.
    private static string? ArtifactsRoot(string notebookFull)
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(notebookFull)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props"))) return Path.Combine(dir.FullName, "artifacts", "notebooks");
        return null;
    }

    // The first compiler error names its cell through the #line directives; other errors are reported whole.
    private static NotebookException BuildFailure(string log, string program)
    {
        var errors = log.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ", StringComparison.Ordinal)).Distinct().ToList();
        var cellError = errors.Select(e => CellError().Match(e)).FirstOrDefault(m => m.Success);
        if (cellError is null)
            return new NotebookException(null, $"building {program} failed:\n{Tail(errors.Count > 0 ? string.Join('\n', errors) : log)}");
        int cell = int.Parse(cellError.Groups["cell"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var ofCell = errors.Select(e => CellError().Match(e)).Where(m => m.Success && m.Groups["cell"].Value == cellError.Groups["cell"].Value)
            .Select(m => $"line {m.Groups["line"].Value}: {m.Groups["message"].Value}");
        return new NotebookException(cell, "does not compile:\n" + string.Join('\n', ofCell));
    }

    private static string Tail(string text)
    {
        var lines = text.TrimEnd().Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - MessageLines)));
    }

    [GeneratedRegex(@"cell-(?<cell>\d+)\((?<line>\d+),\d+\): error (?<message>[^\[]*)")]
    private static partial Regex CellError();

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NonIdentifier();
}
