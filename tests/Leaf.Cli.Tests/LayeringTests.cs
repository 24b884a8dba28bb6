using System.Reflection;
using System.Xml.Linq;
using Leaf.Tests;

namespace Leaf.Cli.Tests;

/// <summary>
/// The layers of docs/architecture.md: the inference projects and Leaf.Datasets reference TorchSharp neither directly nor
/// through another project, in their project files (what a package of theirs would depend on) or in their compiled code.
/// </summary>
public sealed class LayeringTests
{
    public static TheoryData<string> TorchFreeProjects => ["Leaf.Audio", "Leaf.Frontends", "Leaf.Datasets", "Leaf.Onnx", "Leaf.MLNet", "Leaf.Scoring", "Leaf.Plotting"];

    [Theory, MemberData(nameof(TorchFreeProjects))]
    public void ProjectFilesReferenceNoTorchSharpEvenThroughAnotherProject(string project)
    {
        var closure = ProjectClosure(project);
        Assert.DoesNotContain("Leaf.Training", closure.Keys);
        foreach (var (name, packages) in closure) Assert.True(!packages.Any(IsTorchSharp), $"{name} references {string.Join(", ", packages.Where(IsTorchSharp))}");
    }

    [Theory, MemberData(nameof(TorchFreeProjects))]
    public void CompiledAssembliesReferenceNoTorchSharpEvenThroughAnotherAssembly(string project)
    {
        var references = AssemblyClosure(project);
        Assert.DoesNotContain("Leaf.Training", references);
        Assert.DoesNotContain(references, IsTorchSharp);
    }

    [Fact]
    public void LeafDatasetsDependsOnLeafAudioAlone()
    {
        var closure = ProjectClosure("Leaf.Datasets");
        Assert.Equal(new[] { "Leaf.Audio", "Leaf.Datasets" }, closure.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(closure["Leaf.Datasets"]);
    }

    [Fact]
    public void TheChecksSeeLeafTrainingsTorchSharp()
    {
        Assert.Contains(ProjectClosure("Leaf.Training")["Leaf.Training"], IsTorchSharp);
        Assert.Contains(AssemblyClosure("Leaf.Training"), IsTorchSharp);
        Assert.Contains("Leaf.Datasets", ProjectClosure("Leaf.Training").Keys);
    }

    private static bool IsTorchSharp(string name) => name.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every project that <paramref name="project"/> (under src/) references, itself included, with its package references.</summary>
    private static Dictionary<string, string[]> ProjectClosure(string project)
    {
        var closure = new Dictionary<string, string[]>();
        var pending = new Stack<string>([Repository.Path("src", project, project + ".csproj")]);
        while (pending.TryPop(out string? file))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (closure.ContainsKey(name)) continue;
            var xml = XDocument.Load(file);
            closure[name] = [.. xml.Descendants("PackageReference").Select(e => (string)e.Attribute("Include")!)];
            foreach (var reference in xml.Descendants("ProjectReference"))
                pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, (string)reference.Attribute("Include")!)));
        }
        return closure;
    }

    /// <summary>The names of the assemblies that the compiled <paramref name="assembly"/> references, following the LEAF ones.</summary>
    private static HashSet<string> AssemblyClosure(string assembly)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([assembly]);
        while (pending.TryPop(out string? name))
            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
                if (names.Add(reference.Name!) && reference.Name!.StartsWith("Leaf.", StringComparison.Ordinal)) pending.Push(reference.Name);
        return names;
    }
}
