using Leaf.Audio;
using Microsoft.ML;

namespace Leaf.Cli.MlNet;

/// <summary>Writes a fitted pipeline whose input is <see cref="ModelInput"/> as <c>OUTDIR/model.zip</c>, atomically.</summary>
internal static class ModelZip
{
    public const string FileName = "model.zip";

    public static string Save(MLContext ml, ITransformer model, string outDir)
    {
        Directory.CreateDirectory(outDir);
        string path = Path.Combine(outDir, FileName);
        var schema = ml.Data.LoadFromEnumerable(Array.Empty<ModelInput>()).Schema;
        AtomicFile.Write(path, stream => ml.Model.Save(model, schema, stream));
        return path;
    }
}
