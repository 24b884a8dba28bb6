namespace Leaf.Notebooks.Tests;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("leaf-notebook-tests-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
