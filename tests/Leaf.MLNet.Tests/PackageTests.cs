using System.IO.Compression;
using System.Xml.Linq;
using Leaf.Tests;

namespace Leaf.MLNet.Tests;

/// <summary>
/// The NuGet packages, used as a developer outside this repository would: <c>scripts/pack</c> writes Leaf.MLNet and the
/// packages it depends on into a temporary local feed, and a fresh console project in a temporary folder references
/// Leaf.MLNet by package (no project reference), restores from that feed, builds and runs an ML.NET pipeline.
/// </summary>
public sealed class PackageTests : IDisposable
{
    private readonly TempAudio temp = new();
    // A version of its own, so the packages restored into the global NuGet folder are these and can be removed after.
    private readonly string version = "0.1.0-test." + Guid.NewGuid().ToString("N")[..12];

    private string Dir => temp.Folder;

    public void Dispose()
    {
        temp.Dispose();
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (string id in new[] { "leaf.audio", "leaf.frontends", "leaf.onnx", "leaf.mlnet" })
            if (Directory.Exists(Path.Combine(cache, id, version))) Directory.Delete(Path.Combine(cache, id, version), recursive: true);
    }

    [Fact]
    public void AFreshConsoleProjectReferencesLeafMLNetByPackageAndRunsAPipeline()
    {
        string feed = Path.Combine(Dir, "feed");
        var (packCode, packLog) = ChildProcess.Run(TimeSpan.FromMinutes(8), "bash", Repository.Path("scripts", "pack"), "--out", feed, "--artifacts", Path.Combine(Dir, "artifacts"),
            "--version", version, "Leaf.Audio", "Leaf.Frontends", "Leaf.Onnx", "Leaf.MLNet");
        Assert.True(packCode == 0, packLog);
        string package = Path.Combine(feed, $"Leaf.MLNet.{version}.nupkg");
        Assert.True(File.Exists(Path.Combine(feed, $"Leaf.MLNet.{version}.snupkg")), packLog);
        using (var zip = ZipFile.OpenRead(package))
        {
            var names = zip.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("README.md", names);
            Assert.Contains("lib/net10.0/Leaf.MLNet.dll", names);
            Assert.Contains("lib/net10.0/Leaf.MLNet.xml", names);
            using var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open();
            var metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Field(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
            Assert.Equal("MIT", Field("license"));
            Assert.Equal("README.md", Field("readme"));
            var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!).ToArray();
            Assert.Contains("Leaf.Onnx", dependencies);
            Assert.Contains("Microsoft.ML.OnnxTransformer", dependencies);
        }

        string project = Path.Combine(Dir, "app");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="leaf-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "app.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net{Environment.Version.Major}.{Environment.Version.Minor}</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Leaf.MLNet" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), """
            using Microsoft.ML;
            using Microsoft.ML.Data;

            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromEnumerable(args.Select(path => new Clip { Path = path }).ToArray());
            using var model = ml.Transforms.LoadAudio("Waveform", "Path")
                .Append(ml.Transforms.LeafFeaturize("Features", "Waveform"))
                .Fit(data);
            foreach (var features in model.Transform(data).GetColumn<VBuffer<float>>("Features"))
                Console.WriteLine($"{features.Length} {features.DenseValues().All(float.IsFinite)}");

            sealed class Clip { public string Path { get; set; } = ""; }
            """);
        string wav = temp.Tone("tone", 440, 1);
        var (buildCode, buildLog) = ChildProcess.Run(TimeSpan.FromMinutes(5), "dotnet", "build", project, "-c", "Release", "--nologo");
        Assert.True(buildCode == 0, buildLog);
        Assert.DoesNotContain(Repository.Root, File.ReadAllText(Path.Combine(project, "obj", "project.assets.json"))); // by package, not by path
        var (runCode, output) = ChildProcess.Run(TimeSpan.FromMinutes(1), "dotnet", Path.Combine(project, "bin", "Release", $"net{Environment.Version.Major}.{Environment.Version.Minor}", "app.dll"), wav);
        Assert.True(runCode == 0, output);
        Assert.Equal("4000 True", output.Trim()); // ⌈16000/160⌉ = 100 frames × 40 channels of the paper's LEAF on 1 s
    }
}
