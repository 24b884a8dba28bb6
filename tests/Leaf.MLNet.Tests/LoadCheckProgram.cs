using Microsoft.ML.Data;
using Microsoft.ML;

namespace Leaf.MLNet.Tests;

/// <summary>
/// Entry point for <see cref="SaveLoadTests"/>: <c>dotnet Leaf.MLNet.Tests.dll load-check MODEL.zip PATHS.txt COLUMN OUT.f32</c>
/// loads the model in this fresh process (one registration line), transforms the listed files and writes the column
/// (raw float32 for a float vector column, one line per row for a text column).
/// </summary>
public static class LoadCheckProgram
{
    public static int Main(string[] args)
    {
        if (args is not ["load-check", var zip, var paths, var column, var output])
        {
            Console.Error.WriteLine("usage: load-check MODEL.zip PATHS.txt COLUMN OUT.f32");
            return 2;
        }
        var ml = new MLContext();
        ml.ComponentCatalog.RegisterAssembly(typeof(LeafCatalog).Assembly);
        ITransformer model = ml.Model.Load(zip, out _);
        var rows = File.ReadAllLines(paths).Select(p => new PathRow { Path = p });
        var transformed = model.Transform(ml.Data.LoadFromEnumerable(rows));
        if (transformed.Schema[column].Type is TextDataViewType)
            File.WriteAllLines(output, transformed.GetColumn<string>(column));
        else
            FeatureColumns.WriteRaw(output, FeatureColumns.Read(transformed, column));
        (model as IDisposable)?.Dispose();
        return 0;
    }
}
