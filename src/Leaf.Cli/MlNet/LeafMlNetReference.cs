using System.Reflection;
using System.Security;

namespace Leaf.Cli.MlNet;

/// <summary>
/// How a generated consumption project gets Leaf.MLNet: by NuGet package (the default: the version of this tool, from
/// the configured package sources or from <see cref="PackageSource"/>, a local feed written by <c>scripts/pack</c>), or
/// by a path to the project (<see cref="ProjectPath"/>, for working inside this repository).
/// </summary>
/// <param name="PackageSource">A folder or URL to add as a package source (written to the project's nuget.config), or null.</param>
/// <param name="ProjectPath">The Leaf.MLNet project to reference by path instead of the package, or null.</param>
internal sealed record LeafMlNetReference(string? PackageSource, string? ProjectPath)
{
    /// <summary>The package version: this tool's own Leaf.MLNet version.</summary>
    public static string PackageVersion { get; } =
        typeof(Leaf.MLNet.LeafWarnings).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    /// <summary>Checks that a folder source or the project exists.</summary>
    /// <exception cref="ArgumentException">Both were given, or the folder or project is missing.</exception>
    public void Check()
    {
        if (PackageSource is not null && ProjectPath is not null) throw new ArgumentException("--package-source and --leaf-mlnet exclude each other: reference the package or the project");
        if (ProjectPath is not null && !File.Exists(ProjectPath)) throw new ArgumentException($"{ProjectPath}: Leaf.MLNet project not found (--leaf-mlnet)");
        if (PackageSource is not null && !PackageSource.Contains("://", StringComparison.Ordinal) && !Directory.Exists(PackageSource))
            throw new ArgumentException($"{PackageSource}: package source folder not found (--package-source; scripts/pack writes one)");
    }

    /// <summary>The csproj item that references Leaf.MLNet from <paramref name="projectFolder"/>.</summary>
    public string Item(string projectFolder) => ProjectPath is null
        ? $"""<PackageReference Include="Leaf.MLNet" Version="{PackageVersion}" />"""
        : $"""<ProjectReference Include="{SecurityElement.Escape(Path.GetRelativePath(projectFolder, Path.GetFullPath(ProjectPath)).Replace('\\', '/'))}" />""";

    /// <summary>The nuget.config adding <see cref="PackageSource"/> (absolute), or null when there is none.</summary>
    public string? NuGetConfig() => PackageSource is null ? null : $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="leaf" value="{SecurityElement.Escape(PackageSource.Contains("://", StringComparison.Ordinal) ? PackageSource : Path.GetFullPath(PackageSource))}" />
          </packageSources>
        </configuration>

        """;
}
