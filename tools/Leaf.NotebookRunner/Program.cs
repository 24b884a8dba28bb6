using System.Diagnostics;
using Leaf.NotebookRunner;

// leaf-notebook-runner NOTEBOOK.ipynb... [--output PATH]: executes each notebook and writes its outputs back
// (or, for a single notebook, to PATH). Exit code 1 when a notebook fails; its file is then left unchanged.
var notebooks = new List<string>();
string? output = null;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] is "--output" or "-o" && i + 1 < args.Length) output = args[++i];
    else if (args[i].StartsWith('-')) return Usage($"unknown option '{args[i]}'");
    else notebooks.Add(args[i]);
}
if (notebooks.Count == 0) return Usage("no notebook given");
if (output is not null && notebooks.Count > 1) return Usage("--output needs exactly one notebook");

int failures = 0;
foreach (string path in notebooks)
{
    var clock = Stopwatch.StartNew();
    try
    {
        var result = await NotebookExecutor.RunAsync(path, new NotebookRunOptions { OutputPath = output });
        Console.WriteLine($"{path}: ok, {result.Outputs.Count} code cells, {clock.Elapsed.TotalSeconds:F1} s -> {result.OutputPath}");
    }
    catch (Exception e) when (e is NotebookException or InvalidDataException or IOException)
    {
        failures++;
        Console.Error.WriteLine($"{path}: FAILED after {clock.Elapsed.TotalSeconds:F1} s: {e.Message}");
    }
}
return failures == 0 ? 0 : 1;

static int Usage(string problem)
{
    Console.Error.WriteLine($"leaf-notebook-runner: {problem}\nusage: leaf-notebook-runner NOTEBOOK.ipynb... [--output PATH]");
    return 2;
}
