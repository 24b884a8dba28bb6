using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace Leaf.MLNet.Audio;

/// <summary>The registered decoding mappings: contract <c>Leaf.LoadAudio.16kHz.&lt;length&gt;.&lt;policy&gt;</c>.</summary>
internal static class LoadAudioFactories
{
    public static IEstimator<ITransformer> CreateEstimator(TransformsCatalog ml, LoadAudioOptions options) => (options.Length, options.OnError) switch
    {
        (ClipLength.OneSecond, AudioErrorPolicy.Throw) => new LoadAudio1sThrow().CreateEstimator(ml),
        (ClipLength.OneSecond, AudioErrorPolicy.Skip) => new LoadAudio1sSkip().CreateEstimator(ml),
        (ClipLength.TwoSeconds, AudioErrorPolicy.Throw) => new LoadAudio2sThrow().CreateEstimator(ml),
        (ClipLength.TwoSeconds, AudioErrorPolicy.Skip) => new LoadAudio2sSkip().CreateEstimator(ml),
        (ClipLength.FiveSeconds, AudioErrorPolicy.Throw) => new LoadAudio5sThrow().CreateEstimator(ml),
        (ClipLength.FiveSeconds, AudioErrorPolicy.Skip) => new LoadAudio5sSkip().CreateEstimator(ml),
        (ClipLength.TenSeconds, AudioErrorPolicy.Throw) => new LoadAudio10sThrow().CreateEstimator(ml),
        (ClipLength.TenSeconds, AudioErrorPolicy.Skip) => new LoadAudio10sSkip().CreateEstimator(ml),
        (ClipLength.Full, AudioErrorPolicy.Throw) => new LoadAudioFullThrow().CreateEstimator(ml),
        (ClipLength.Full, AudioErrorPolicy.Skip) => new LoadAudioFullSkip().CreateEstimator(ml),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options, "unknown clip length or error policy"),
    };
}

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.1s.Throw")]
internal sealed class LoadAudio1sThrow() : LoadAudioFactory<Waveform1s>(ClipLength.OneSecond, AudioErrorPolicy.Throw);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.1s.Skip")]
internal sealed class LoadAudio1sSkip() : LoadAudioFactory<Waveform1s>(ClipLength.OneSecond, AudioErrorPolicy.Skip);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.2s.Throw")]
internal sealed class LoadAudio2sThrow() : LoadAudioFactory<Waveform2s>(ClipLength.TwoSeconds, AudioErrorPolicy.Throw);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.2s.Skip")]
internal sealed class LoadAudio2sSkip() : LoadAudioFactory<Waveform2s>(ClipLength.TwoSeconds, AudioErrorPolicy.Skip);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.5s.Throw")]
internal sealed class LoadAudio5sThrow() : LoadAudioFactory<Waveform5s>(ClipLength.FiveSeconds, AudioErrorPolicy.Throw);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.5s.Skip")]
internal sealed class LoadAudio5sSkip() : LoadAudioFactory<Waveform5s>(ClipLength.FiveSeconds, AudioErrorPolicy.Skip);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.10s.Throw")]
internal sealed class LoadAudio10sThrow() : LoadAudioFactory<Waveform10s>(ClipLength.TenSeconds, AudioErrorPolicy.Throw);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.10s.Skip")]
internal sealed class LoadAudio10sSkip() : LoadAudioFactory<Waveform10s>(ClipLength.TenSeconds, AudioErrorPolicy.Skip);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.full.Throw")]
internal sealed class LoadAudioFullThrow() : LoadAudioFactory<WaveformFull>(ClipLength.Full, AudioErrorPolicy.Throw);

[CustomMappingFactoryAttribute("Leaf.LoadAudio.16kHz.full.Skip")]
internal sealed class LoadAudioFullSkip() : LoadAudioFactory<WaveformFull>(ClipLength.Full, AudioErrorPolicy.Skip);
