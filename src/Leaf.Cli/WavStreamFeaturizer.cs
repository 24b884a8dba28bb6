using Leaf.Audio;
using Leaf.Frontends;
using Leaf.Onnx;

namespace Leaf.Cli;

/// <summary>
/// <c>leaf featurize --engine onnx</c> of a long WAV file already at the frontend's rate: read by windows and pushed
/// through a <see cref="StreamingFrontend"/> that knows its length, straight into the .npy. The frames are those of one
/// offline run; memory is bounded by the window and the segment, not by the file.
/// </summary>
internal static class WavStreamFeaturizer
{
    /// <summary>Samples read from the file at a time.</summary>
    public const int WindowSamples = 1 << 16;

    /// <summary>
    /// Opens <paramref name="file"/> for this path: a WAV at <paramref name="d"/>'s rate, longer than one ONNX segment
    /// (shorter files gain nothing from it); null otherwise (another format, another rate: decoded whole).
    /// </summary>
    public static WavStreamReader? TryOpen(string file, FrontendDescription d)
    {
        if (!StreamingExporter.CanStream(d)) return null;
        WavStreamReader reader;
        try
        {
            reader = AudioFile.OpenWav(file);
        }
        catch (AudioFormatException)
        {
            return null; // not a WAV, or one the whole-file decoder reports on
        }
        if (reader.SampleRate == d.SampleRate && reader.FrameCount > new StreamingFrontendOptions().ChunkSamples) return reader;
        reader.Dispose();
        return null;
    }

    /// <summary>Featurizes the whole of <paramref name="reader"/> into the .npy at <paramref name="path"/>; returns its shape.</summary>
    public static (int Frames, int Channels) Write(WavStreamReader reader, string path, FrontendDescription d, LeafAlgorithm algorithm)
    {
        var options = new StreamingFrontendOptions { TotalSamples = reader.FrameCount, LeafAlgorithm = algorithm };
        using var stream = new StreamingFrontend(d, options);
        int frames = checked((int)FrameSupport.For(d, algorithm).FrameCount(reader.FrameCount));
        NpyWriter.WriteFloat32(path, [frames, stream.Channels], file =>
        {
            void Write(ReadOnlySpan<float> values, int count) => file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
            var window = new float[WindowSamples];
            for (long at = 0; at < reader.FrameCount; at += WindowSamples)
                stream.Push(window.AsSpan(0, reader.Read(at, window)), Write);
            stream.Complete(Write);
        });
        return (frames, stream.Channels);
    }
}
