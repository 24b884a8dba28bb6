using System.Collections.Concurrent;
using Leaf.Tests;

namespace Leaf.Notebooks.Tests;

/// <summary>Each notebook under notebooks/ executed once per test run, on first use, into a temporary copy (the committed file is not touched).</summary>
public sealed class ShippedNotebookRuns : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<ExecutedNotebook>>> runs = new();

    /// <summary>The executed copy of notebooks/<paramref name="name"/>.</summary>
    public Task<ExecutedNotebook> Get(string name) => runs.GetOrAdd(name, n => new Lazy<Task<ExecutedNotebook>>(
        () => DotnetRepl.RunAsync(Repository.Path("notebooks", n), Path.Combine(directory.Path, n)))).Value;

    public void Dispose() => directory.Dispose();
}
