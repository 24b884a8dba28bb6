using Leaf.Audio;

namespace Leaf.MLNet.Tests;

/// <summary>A temporary folder of synthetic WAV files, deleted on dispose.</summary>
public sealed class TempAudio : IDisposable
{
    public TempAudio() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "leaf-mlnet-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>A sine tone at <paramref name="hz"/> with amplitude <paramref name="amplitude"/> and phase, plus white noise, as 16-bit WAV.</summary>
    public string Tone(string name, double hz, double seconds, int sampleRate = 16000, double amplitude = 0.5, double phase = 0, double noise = 0, int seed = 0)
    {
        var random = new Random(seed);
        var samples = new float[(int)(seconds * sampleRate)];
        for (int i = 0; i < samples.Length; i++)
            samples[i] = (float)(amplitude * Math.Sin(2 * Math.PI * hz * i / sampleRate + phase) + noise * (2 * random.NextDouble() - 1));
        string path = Path.Combine(Folder, name + ".wav");
        WavWriter.Write(path, samples, sampleRate);
        return path;
    }

    /// <summary>A file with a RIFF header cut short: not decodable.</summary>
    public string Corrupt(string name)
    {
        string path = Path.Combine(Folder, name + ".wav");
        File.WriteAllBytes(path, "RIFF\x24\0\0\0WAVEfmt "u8.ToArray());
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } // a loaded ONNX model may still hold a file
    }
}
