using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace Leaf.MLNet.Audio;

/// <summary>
/// The registered decoding mappings: contract <c>Leaf.LoadAudio.16kHz.&lt;length&gt;.&lt;policy&gt;</c>, with
/// <c>.Loudness</c> appended when the paper's loudness normalisation is on.
/// </summary>
internal static class LoadAudioFactories
{
    private static readonly ILoadAudioFactory[] All =
    [
        new LoadAudio1sThrow(),
        new LoadAudio1sThrowLoudness(),
        new LoadAudio1sSkip(),
        new LoadAudio1sSkipLoudness(),
        new LoadAudio2sThrow(),
        new LoadAudio2sThrowLoudness(),
        new LoadAudio2sSkip(),
        new LoadAudio2sSkipLoudness(),
        new LoadAudio5sThrow(),
        new LoadAudio5sThrowLoudness(),
        new LoadAudio5sSkip(),
        new LoadAudio5sSkipLoudness(),
        new LoadAudio10sThrow(),
        new LoadAudio10sThrowLoudness(),
        new LoadAudio10sSkip(),
        new LoadAudio10sSkipLoudness(),
        new LoadAudioFullThrow(),
        new LoadAudioFullThrowLoudness(),
        new LoadAudioFullSkip(),
        new LoadAudioFullSkipLoudness(),
    ];

    public static IEstimator<ITransformer> CreateEstimator(TransformsCatalog ml, LoadAudioOptions options) =>
        All.SingleOrDefault(f => f.Length == options.Length && f.Policy == options.OnError && f.NormalizeLoudness == options.NormalizeLoudness)?.CreateEstimator(ml)
        ?? throw new ArgumentOutOfRangeException(nameof(options), options, "unknown clip length or error policy");
}

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.1s.Throw")]
internal sealed class LoadAudio1sThrow() : LoadAudioFactory<Waveform1s>(ClipLength.OneSecond, AudioErrorPolicy.Throw, normalizeLoudness: false);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.1s.Throw.Loudness")]
internal sealed class LoadAudio1sThrowLoudness() : LoadAudioFactory<Waveform1s>(ClipLength.OneSecond, AudioErrorPolicy.Throw, normalizeLoudness: true);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.1s.Skip")]
internal sealed class LoadAudio1sSkip() : LoadAudioFactory<Waveform1s>(ClipLength.OneSecond, AudioErrorPolicy.Skip, normalizeLoudness: false);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.1s.Skip.Loudness")]
internal sealed class LoadAudio1sSkipLoudness() : LoadAudioFactory<Waveform1s>(ClipLength.OneSecond, AudioErrorPolicy.Skip, normalizeLoudness: true);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.2s.Throw")]
internal sealed class LoadAudio2sThrow() : LoadAudioFactory<Waveform2s>(ClipLength.TwoSeconds, AudioErrorPolicy.Throw, normalizeLoudness: false);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.2s.Throw.Loudness")]
internal sealed class LoadAudio2sThrowLoudness() : LoadAudioFactory<Waveform2s>(ClipLength.TwoSeconds, AudioErrorPolicy.Throw, normalizeLoudness: true);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.2s.Skip")]
internal sealed class LoadAudio2sSkip() : LoadAudioFactory<Waveform2s>(ClipLength.TwoSeconds, AudioErrorPolicy.Skip, normalizeLoudness: false);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.2s.Skip.Loudness")]
internal sealed class LoadAudio2sSkipLoudness() : LoadAudioFactory<Waveform2s>(ClipLength.TwoSeconds, AudioErrorPolicy.Skip, normalizeLoudness: true);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.5s.Throw")]
internal sealed class LoadAudio5sThrow() : LoadAudioFactory<Waveform5s>(ClipLength.FiveSeconds, AudioErrorPolicy.Throw, normalizeLoudness: false);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.5s.Throw.Loudness")]
internal sealed class LoadAudio5sThrowLoudness() : LoadAudioFactory<Waveform5s>(ClipLength.FiveSeconds, AudioErrorPolicy.Throw, normalizeLoudness: true);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.5s.Skip")]
internal sealed class LoadAudio5sSkip() : LoadAudioFactory<Waveform5s>(ClipLength.FiveSeconds, AudioErrorPolicy.Skip, normalizeLoudness: false);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.5s.Skip.Loudness")]
internal sealed class LoadAudio5sSkipLoudness() : LoadAudioFactory<Waveform5s>(ClipLength.FiveSeconds, AudioErrorPolicy.Skip, normalizeLoudness: true);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.10s.Throw")]
internal sealed class LoadAudio10sThrow() : LoadAudioFactory<Waveform10s>(ClipLength.TenSeconds, AudioErrorPolicy.Throw, normalizeLoudness: false);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.10s.Throw.Loudness")]
internal sealed class LoadAudio10sThrowLoudness() : LoadAudioFactory<Waveform10s>(ClipLength.TenSeconds, AudioErrorPolicy.Throw, normalizeLoudness: true);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.10s.Skip")]
internal sealed class LoadAudio10sSkip() : LoadAudioFactory<Waveform10s>(ClipLength.TenSeconds, AudioErrorPolicy.Skip, normalizeLoudness: false);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.10s.Skip.Loudness")]
internal sealed class LoadAudio10sSkipLoudness() : LoadAudioFactory<Waveform10s>(ClipLength.TenSeconds, AudioErrorPolicy.Skip, normalizeLoudness: true);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.full.Throw")]
internal sealed class LoadAudioFullThrow() : LoadAudioFactory<WaveformFull>(ClipLength.Full, AudioErrorPolicy.Throw, normalizeLoudness: false);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.full.Throw.Loudness")]
internal sealed class LoadAudioFullThrowLoudness() : LoadAudioFactory<WaveformFull>(ClipLength.Full, AudioErrorPolicy.Throw, normalizeLoudness: true);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.full.Skip")]
internal sealed class LoadAudioFullSkip() : LoadAudioFactory<WaveformFull>(ClipLength.Full, AudioErrorPolicy.Skip, normalizeLoudness: false);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.full.Skip.Loudness")]
internal sealed class LoadAudioFullSkipLoudness() : LoadAudioFactory<WaveformFull>(ClipLength.Full, AudioErrorPolicy.Skip, normalizeLoudness: true);
