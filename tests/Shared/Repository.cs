using System.Reflection;

namespace Leaf.Tests;

/// <summary>Paths inside this repository, as recorded by the build.</summary>
public static class Repository
{
    /// <summary>The repository root (the folder holding README.md).</summary>
    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "LeafRepositoryRoot").Value!;

    /// <summary>A path relative to the repository root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);
}
