using Leaf.Audio;

namespace Leaf.Tests;

/// <summary>A temporary dataset folder with helpers that write tiny WAVs and other files into it; deleted on dispose.</summary>
internal sealed class DataTestFiles : IDisposable
{
    public string Root { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"leaf-data-tests-{Guid.NewGuid():N}")).FullName;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>A 16 kHz mono WAV of <paramref name="samples"/> (multiples of 2^−15 decode exactly).</summary>
    public string Wav(string relative, float[] samples)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var file = File.Create(path)) WavWriter.Write(file, samples, 16000);
        return path;
    }

    /// <summary>A WAV whose sample n is (n + 1)·2^−15: the decoded value tells where a crop starts.</summary>
    public string Ramp(string relative, int length) => Wav(relative, Ramp(length));

    public static float[] Ramp(int length) => [.. Enumerable.Range(1, length).Select(n => n / 32768f)];

    /// <summary>A 440 Hz tone of <paramref name="length"/> samples at amplitude 0.5.</summary>
    public string Tone(string relative, int length = 800) =>
        Wav(relative, [.. Enumerable.Range(0, length).Select(n => (float)(0.5 * Math.Sin(2 * Math.PI * 440 * n / 16000)))]);

    public string Text(string relative, string text)
    {
        string path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
