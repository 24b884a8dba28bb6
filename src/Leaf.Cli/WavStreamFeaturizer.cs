using Leaf.Audio;
using Leaf.Frontends;

namespace Leaf.Cli;

/// <summary>
/// <c>leaf featurize</c> of a long WAV file, on either engine: read by windows, resampled on the way when the file is at
/// another rate (<see cref="StreamingResampler"/>, the samples of the whole-file resampler), pushed through an
/// <see cref="IFrameStream"/> that knows the length, straight into the .npy. The frames are those of one offline run of
/// the decoded file; memory is bounded by the window and the segment, not by the file.
/// </summary>
internal static class WavStreamFeaturizer
{
    /// <summary>Samples read from the file at a time.</summary>
    public const int WindowSamples = 1 << 16;

    /// <summary>Longest file (in samples at its own rate) decoded whole instead: shorter ones gain nothing from streaming.</summary>
    public const int WholeFileSamples = 1 << 17;

    /// <summary>
    /// Opens <paramref name="file"/> for this path: a WAV longer than <see cref="WholeFileSamples"/>, of a frontend that
    /// can run in segments; null otherwise (another format, a short file, a warm-started sPCEN: decoded whole).
    /// </summary>
    public static WavStreamReader? TryOpen(string file, FrontendDescription d)
    {
        if (!FrameSupport.CanSegment(d)) return null;
        WavStreamReader reader;
        try
        {
            reader = AudioFile.OpenWav(file);
        }
        catch (AudioFormatException)
        {
            return null; // not a WAV, or one the whole-file decoder reports on
        }
        if (reader.FrameCount > WholeFileSamples) return reader;
        reader.Dispose();
        return null;
    }

    /// <summary>Featurizes the whole of <paramref name="reader"/> into the .npy at <paramref name="path"/>; returns its shape.</summary>
    public static (int Frames, int Channels) Write(WavStreamReader reader, string path, IFeaturizer featurizer)
    {
        int rate = featurizer.Description.SampleRate;
        var resampler = reader.SampleRate == rate ? null : new StreamingResampler(reader.SampleRate, rate);
        long total = resampler?.OutputLength(reader.FrameCount) ?? reader.FrameCount;
        using var stream = featurizer.Open(total);
        int frames = checked((int)FrameSupport.For(featurizer.Description, featurizer.Algorithm).FrameCount(total));
        NpyWriter.WriteFloat32(path, [frames, stream.Channels], file =>
        {
            void Write(ReadOnlySpan<float> values, int count) => file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
            var window = new float[WindowSamples];
            for (long at = 0; at < reader.FrameCount; at += WindowSamples)
            {
                var samples = window.AsSpan(0, reader.Read(at, window));
                stream.Push(resampler is null ? samples : resampler.Push(samples), Write);
            }
            if (resampler is not null) stream.Push(resampler.Complete(), Write);
            stream.Complete(Write);
        });
        return (frames, stream.Channels);
    }
}
