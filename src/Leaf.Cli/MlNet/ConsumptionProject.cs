using System.Reflection;
using System.Text.RegularExpressions;
using Leaf.Audio;
using Microsoft.ML;

namespace Leaf.Cli.MlNet;

/// <summary>
/// Writes a small C# console project next to a model zip, like Model Builder's consumption project:
/// <c>OUTDIR/&lt;Name&gt;.Consumption/</c> with <c>ModelInput</c>/<c>ModelOutput</c>, a static <c>&lt;Name&gt;.Predict(string path)</c>
/// and a <c>Program.cs</c> that prints <c>path, label, score</c> for each file given on the command line. Its csproj
/// references Microsoft.ML and Leaf.MLNet (the package, or the project by a relative path: <see cref="LeafMlNetReference"/>),
/// and copies <c>../model.zip</c> next to the program.
/// </summary>
internal static partial class ConsumptionProject
{
    /// <summary>The project folder's name for <paramref name="name"/>.</summary>
    public static string FolderName(string name) => name + ".Consumption";

    /// <summary>Writes the project into <c>outDir/&lt;name&gt;.Consumption</c> and returns that folder.</summary>
    /// <exception cref="ArgumentException">The name is not a C# identifier, or the Leaf.MLNet package source or project is not found.</exception>
    public static string Write(string outDir, string name, LeafMlNetReference leafMlNet)
    {
        Check(name, leafMlNet);
        string folder = Path.Combine(outDir, FolderName(name));
        Directory.CreateDirectory(folder);
        var files = new Dictionary<string, string>
        {
            [FolderName(name) + ".csproj"] = Csproj(leafMlNet.Item(folder)),
            // Empty: keeps the build settings of any enclosing folder (e.g. this repository's) out of the project.
            ["Directory.Build.props"] = "<Project />\n",
            ["Directory.Build.targets"] = "<Project />\n",
            ["Directory.Packages.props"] = "<Project />\n",
            ["ModelInput.cs"] = ModelInputSource(name),
            ["ModelOutput.cs"] = ModelOutputSource(name),
            [name + ".cs"] = ModelSource(name),
            ["Program.cs"] = ProgramSource(name),
        };
        if (leafMlNet.NuGetConfig() is string config) files["nuget.config"] = config;
        foreach (var (file, text) in files) AtomicFile.WriteText(Path.Combine(folder, file), text);
        return folder;
    }

    /// <summary>Checks the name and the Leaf.MLNet reference.</summary>
    /// <exception cref="ArgumentException">The name is not a C# identifier, or the package source or project is not found.</exception>
    public static void Check(string name, LeafMlNetReference leafMlNet)
    {
        if (!Identifier().IsMatch(name)) throw new ArgumentException($"--name '{name}' is not a C# identifier (letters, digits, _; not starting with a digit)");
        leafMlNet.Check();
    }

    // The Microsoft.ML package version this tool was built against, e.g. 5.0.1.
    private static string MlNetVersion() =>
        typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];

    private static string Csproj(string leafMlNetItem) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net{Environment.Version.Major}.{Environment.Version.Minor}</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.ML" Version="{MlNetVersion()}" />
          </ItemGroup>
          <ItemGroup>
            <!-- LEAF for .NET's ML.NET transforms. -->
            {leafMlNetItem}
          </ItemGroup>
          <ItemGroup>
            <None Include="../{ModelZip.FileName}" Link="{ModelZip.FileName}" CopyToOutputDirectory="PreserveNewest" />
          </ItemGroup>
        </Project>

        """;

    private static string ModelInputSource(string name) => $$"""
        namespace {{name}}.Consumption;

        /// <summary>One audio file to classify (the label is only used in training).</summary>
        public sealed class ModelInput
        {
            public string Path { get; set; } = "";

            public string Label { get; set; } = "";
        }

        """;

    private static string ModelOutputSource(string name) => $$"""
        namespace {{name}}.Consumption;

        /// <summary>The prediction for one file.</summary>
        public sealed class ModelOutput
        {
            /// <summary>The most probable label.</summary>
            public string PredictedLabel { get; set; } = "";

            /// <summary>One score per class (higher is more likely).</summary>
            public float[] Score { get; set; } = [];
        }

        """;

    private static string ModelSource(string name) => $$"""
        using Microsoft.ML;

        namespace {{name}}.Consumption;

        /// <summary>Loads model.zip once and predicts audio files with it.</summary>
        public static class {{name}}
        {
            /// <summary>The model zip, copied next to the program.</summary>
            public static readonly string ModelPath = Path.Combine(AppContext.BaseDirectory, "model.zip");

            private static readonly Lazy<PredictionEngine<ModelInput, ModelOutput>> Engine = new(CreateEngine);

            /// <summary>Predicts the label of the audio file at <paramref name="path"/>.</summary>
            public static ModelOutput Predict(string path) => Engine.Value.Predict(new ModelInput { Path = path });

            private static PredictionEngine<ModelInput, ModelOutput> CreateEngine()
            {
                var ml = new MLContext();
                ml.ComponentCatalog.RegisterAssembly(typeof(LeafCatalog).Assembly); // LEAF's registered audio mappings
                ITransformer model = ml.Model.Load(ModelPath, out _);
                return ml.Model.CreatePredictionEngine<ModelInput, ModelOutput>(model);
            }
        }

        """;

    private static string ProgramSource(string name) => $$"""
        using System.Globalization;
        using {{name}}.Consumption;
        using Model = {{name}}.Consumption.{{name}};

        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: {{FolderName(name)}} FILE...");
            return 2;
        }
        foreach (string path in args)
        {
            ModelOutput output = Model.Predict(path);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}\t{output.PredictedLabel}\t{output.Score.Max():R}"));
        }
        return 0;

        """;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
