namespace Leaf.Notebooks.Tests;

/// <summary>A fresh folder, under the system temp folder or under <c>parent</c>, deleted on dispose.</summary>
internal sealed class TempDirectory(string? parent = null) : IDisposable
{
    public string Path { get; } = parent is null
        ? Directory.CreateTempSubdirectory("leaf-notebook-tests-").FullName
        : Directory.CreateDirectory(System.IO.Path.Combine(parent, $"leaf-notebook-tests-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
