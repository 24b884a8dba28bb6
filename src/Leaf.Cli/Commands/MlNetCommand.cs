using System.CommandLine;
using Leaf.Cli.MlNet;
using Microsoft.ML;

namespace Leaf.Cli.Commands;

/// <summary>
/// <c>leaf mlnet</c>: Model Builder-style outputs — <c>OUTDIR/model.zip</c> (an ML.NET pipeline from a file path to a
/// predicted label) and a generated consumption project — by training an ML.NET classifier on fixed LEAF features
/// (<c>train</c>) or by wrapping a classifier trained with <c>leaf train</c> (<c>wrap</c>).
/// </summary>
internal static class MlNetCommand
{
    public static Command Create() => new("mlnet", "ML.NET: write model.zip and a consumption project, like Model Builder.")
    {
        MlNetTrainCommand.Create(),
        MlNetWrapCommand.Create(),
    };

    /// <summary>The options both sub-commands share.</summary>
    internal sealed record OutputOptions(Option<string> Out, Option<string> Name, Option<string?> PackageSource, Option<string?> LeafMlNet)
    {
        public static OutputOptions Create() => new(
            new Option<string>("--out") { Description = "Output folder: model.zip and <name>.Consumption/.", Required = true },
            new Option<string>("--name") { Description = "Name of the generated model class and project (a C# identifier).", DefaultValueFactory = _ => "LeafModel" },
            new Option<string?>("--package-source") { Description = "A NuGet feed (folder, e.g. from scripts/pack, or URL) for the generated project's nuget.config; it references the Leaf.MLNet package of this tool's version." },
            new Option<string?>("--leaf-mlnet") { Description = "Reference this Leaf.MLNet.csproj by a relative path instead of the package (development inside the repository)." });

        public IEnumerable<Option> All => [Out, Name, PackageSource, LeafMlNet];

        /// <summary>Locks the output folder for the whole command (a second writer fails at once).</summary>
        public Leaf.Audio.OutputLock Lock(System.CommandLine.ParseResult parse) => Leaf.Audio.OutputLock.ForFolder(parse.GetValue(Out)!);

        /// <summary>How the generated project will reference Leaf.MLNet, after checking it and the name (call before the long work).</summary>
        /// <exception cref="ArgumentException">The name is not a C# identifier, or the package source or project is not found.</exception>
        public LeafMlNetReference CheckedLeafMlNetReference(System.CommandLine.ParseResult parse)
        {
            var reference = new LeafMlNetReference(parse.GetValue(PackageSource), parse.GetValue(LeafMlNet));
            ConsumptionProject.Check(parse.GetValue(Name)!, reference);
            return reference;
        }

        /// <summary>Writes model.zip and the consumption project referencing Leaf.MLNet as <paramref name="project"/> says; prints where.</summary>
        public void Write(System.CommandLine.ParseResult parse, MLContext ml, ITransformer model, LeafMlNetReference project)
        {
            string outDir = parse.GetValue(Out)!;
            string zip = ModelZip.Save(ml, model, outDir);
            string folder = ConsumptionProject.Write(outDir, parse.GetValue(Name)!, project);
            var o = parse.InvocationConfiguration.Output;
            o.WriteLine($"wrote {zip}");
            o.WriteLine($"wrote {folder} (dotnet run --project {folder} -c Release -- FILE...)");
        }
    }
}
