using Leaf.Audio;

namespace Leaf.MLNet.Audio;

/// <summary>Decodes one file for <see cref="Microsoft.ML.LeafCatalog.LoadAudio"/>: mono, 16 kHz, centre crop / zero pad, optional loudness normalisation, error policy.</summary>
internal static class AudioDecoding
{
    public static void Decode(string path, ClipLength length, AudioErrorPolicy policy, bool normalizeLoudness, DecodedAudioRow row)
    {
        int? samples = length.Samples();
        var options = new AudioLoadOptions
        {
            SampleRate = LoadAudioOptions.SampleRate,
            CropOrPad = samples is int n ? new CropOrPadOptions(n, CropMode.Center) : null,
            Loudness = normalizeLoudness ? LoudnessOptions.Paper : null, // after the crop, as training normalises each crop
        };
        try
        {
            row.SetWaveform(AudioFile.Load(path, options).Samples);
            row.LeafDecodeError = "";
        }
        catch (Exception e) when (e is AudioFormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            string problem = $"cannot decode audio file '{path}': {e.Message}";
            if (policy == AudioErrorPolicy.Throw) throw new InvalidDataException(problem, e);
            row.SetWaveform(new float[samples ?? 0]);
            row.LeafDecodeError = problem;
        }
    }
}
