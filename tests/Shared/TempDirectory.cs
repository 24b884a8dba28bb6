namespace Leaf.Tests;

/// <summary>A fresh folder, under the system temp folder or under <c>parent</c>, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory(string? parent = null) : IDisposable
{
    /// <summary>The folder's full path.</summary>
    public string Path { get; } = parent is null
        ? Directory.CreateTempSubdirectory("leaf-tests-").FullName
        : Directory.CreateDirectory(System.IO.Path.Combine(parent, $"leaf-tests-{Guid.NewGuid():N}")).FullName;

    /// <summary>The path of <paramref name="name"/> inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Deletes the folder and everything in it.</summary>
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
