using Microsoft.ML;
using Microsoft.ML.Data;

namespace Leaf.MLNet.Tests;

/// <summary>Reads float vector columns out of a data view and writes them as raw float32 (also used by the load-check process).</summary>
public static class FeatureColumns
{
    public static float[][] Read(IDataView data, string column) =>
        data.GetColumn<VBuffer<float>>(column).Select(v => v.DenseValues().ToArray()).ToArray();

    public static void WriteRaw(string path, float[][] rows) =>
        File.WriteAllBytes(path, rows.SelectMany(r => r).SelectMany(BitConverter.GetBytes).ToArray());

    public static float[] ReadRaw(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
