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
    internal sealed record OutputOptions(Option<string> Out, Option<string> Name, Option<string?> LeafMlNet)
    {
        public static OutputOptions Create() => new(
            new Option<string>("--out") { Description = "Output folder: model.zip and <name>.Consumption/.", Required = true },
            new Option<string>("--name") { Description = "Name of the generated model class and project (a C# identifier).", DefaultValueFactory = _ => "LeafModel" },
            new Option<string?>("--leaf-mlnet") { Description = "Path of src/Leaf.MLNet/Leaf.MLNet.csproj for the generated project to reference (default: this repository's)." });

        public IEnumerable<Option> All => [Out, Name, LeafMlNet];

        /// <summary>Locks the output folder for the whole command (a second writer fails at once).</summary>
        public Leaf.Audio.OutputLock Lock(System.CommandLine.ParseResult parse) => Leaf.Audio.OutputLock.ForFolder(parse.GetValue(Out)!);

        /// <summary>The Leaf.MLNet project to reference, after checking it and the name (call before the long work).</summary>
        /// <exception cref="ArgumentException">The name is not a C# identifier, or the project is not found.</exception>
        public string CheckedLeafMlNetProject(System.CommandLine.ParseResult parse)
        {
            string project = parse.GetValue(LeafMlNet) ?? ConsumptionProject.FindLeafMlNetProject()
                ?? throw new ArgumentException("cannot find src/Leaf.MLNet/Leaf.MLNet.csproj from here; set --leaf-mlnet");
            ConsumptionProject.Check(parse.GetValue(Name)!, project);
            return project;
        }

        /// <summary>Writes model.zip and the consumption project referencing <paramref name="project"/>; prints where.</summary>
        public void Write(System.CommandLine.ParseResult parse, MLContext ml, ITransformer model, string project)
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
