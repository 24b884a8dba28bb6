namespace Leaf.Onnx.Tests;

/// <summary>Layout conversions between the runner's arrays and the flat arrays of golden files and TorchSharp.</summary>
internal static class Arrays
{
    /// <summary>[frames, channels] → flat channel-major [channels, frames] (the golden layout).</summary>
    public static float[] ChannelMajor(float[,] features)
    {
        int frames = features.GetLength(0), channels = features.GetLength(1);
        var flat = new float[frames * channels];
        for (int t = 0; t < frames; t++)
            for (int c = 0; c < channels; c++) flat[c * frames + t] = features[t, c];
        return flat;
    }

    /// <summary>Any float array, row-major flattened.</summary>
    public static float[] Flatten(Array a)
    {
        var flat = new float[a.Length];
        Buffer.BlockCopy(a, 0, flat, 0, a.Length * sizeof(float));
        return flat;
    }

    /// <summary>Worst relative error max |a − e| / max(|e|, floor) against a double-precision reference.</summary>
    public static double MaxRelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, double floor)
    {
        if (actual.Length != expected.Length) throw new ArgumentException($"length {actual.Length} != {expected.Length}");
        double worst = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (float.IsNaN(actual[i])) return double.PositiveInfinity;
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]) / Math.Max(Math.Abs(expected[i]), floor));
        }
        return worst;
    }
}
