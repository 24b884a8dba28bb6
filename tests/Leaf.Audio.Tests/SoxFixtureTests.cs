using System.Globalization;
using Leaf.Tests;

namespace Leaf.Audio.Tests;

/// <summary>WAV files written by sox (an independent writer), decoded here and compared with sox's own float conversion.</summary>
public class SoxFixtureTests
{
    private static readonly AudioLoadOptions Native = new() { SampleRate = null };

    [Theory]
    [InlineData("-b 8 -e unsigned-integer", 1)]
    [InlineData("-b 16", 2)]
    [InlineData("-b 24", 1)] // sox writes WAVE_FORMAT_EXTENSIBLE for > 16 bits
    [InlineData("-t wavpcm -b 24", 1)] // … and plain PCM when asked
    [InlineData("-b 32 -e signed-integer", 1)]
    [InlineData("-e floating-point -b 32", 1)] // with a fact chunk
    [InlineData("-e floating-point -b 64", 2)]
    [InlineData("-b 16", 6)] // extensible for > 2 channels
    public void SoxFilesDecodeToTheMeanOfSoxOwnFloatSamples(string encoding, int channels)
    {
        using var dir = new TempDirectory();
        string path = dir.File("sox.wav");
        string[] tones = ["sine", "440", "sine", "660", "sine", "880", "sine", "1000", "sine", "1200", "sine", "1400"];
        Tools.Run("sox", ["-n", "-r", "16000", "-c", channels.ToString(CultureInfo.InvariantCulture), .. encoding.Split(' '), path, "synth", "0.1", .. tones[..(2 * channels)], "gain", "-1"]);

        float[] reference = Tools.Floats(Tools.Run("sox", path, "-t", "f32", "-"));
        double[] expected = SampleCodes.MonoMean(reference.Select(v => (double)v).ToArray(), channels);
        float[] decoded = AudioFile.Load(path, Native).Samples;
        Assert.Equal(1600, decoded.Length);
        for (int i = 0; i < decoded.Length; i++) Assert.Equal(expected[i], decoded[i], 1e-6);

        AudioInfo info = AudioFile.ReadInfo(path);
        Assert.Equal((channels, 16000, 1600L), (info.Channels, info.SampleRate, info.Frames));
        Assert.Equal(Soxi(path, "-s"), info.Frames.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(Soxi(path, "-c"), info.Channels.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void AMuLawFileFromSoxIsRejectedWithItsTag()
    {
        using var dir = new TempDirectory();
        string path = dir.File("mulaw.wav");
        Tools.Run("sox", "-n", "-r", "8000", "-e", "mu-law", "-b", "8", path, "synth", "0.1", "sine", "440");
        var e = Assert.Throws<AudioFormatException>(() => AudioFile.Load(path));
        Assert.Contains("unsupported WAV codec µ-law (format tag 7)", e.Message);
    }

    private static string Soxi(string path, string what) => System.Text.Encoding.ASCII.GetString(Tools.Run("soxi", what, path)).Trim();
}
