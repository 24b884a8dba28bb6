using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace Leaf.MLNet.Audio;

/// <summary>What <see cref="LoadAudioFactories"/> selects a registered decoding mapping by.</summary>
internal interface ILoadAudioFactory
{
    ClipLength Length { get; }

    AudioErrorPolicy Policy { get; }

    bool NormalizeLoudness { get; }

    IEstimator<ITransformer> CreateEstimator(TransformsCatalog transforms);
}

/// <summary>
/// The decoding mapping for one <see cref="ClipLength"/>, <see cref="AudioErrorPolicy"/> and loudness setting. ML.NET
/// saves only the contract name of the subclass's <see cref="CustomMappingFactoryAttributeAttribute"/> and, on load,
/// creates that subclass with no arguments, so each combination is one registered subclass (<see cref="LoadAudioFactories"/>).
/// </summary>
internal abstract class LoadAudioFactory<TRow>(ClipLength length, AudioErrorPolicy policy, bool normalizeLoudness)
    : CustomMappingFactory<AudioPathRow, TRow>, ILoadAudioFactory
    where TRow : DecodedAudioRow, new()
{
    public ClipLength Length => length;

    public AudioErrorPolicy Policy => policy;

    public bool NormalizeLoudness => normalizeLoudness;

    /// <summary>The decoding action; each call (each fitted or loaded transform) watches its own repeated decodes.</summary>
    public override Action<AudioPathRow, TRow> GetMapping()
    {
        var monitor = new RepeatedDecodingMonitor();
        return (src, dst) =>
        {
            monitor.Decoded(src.LeafAudioPath);
            AudioDecoding.Decode(src.LeafAudioPath, length, policy, normalizeLoudness, dst);
        };
    }

    public IEstimator<ITransformer> CreateEstimator(TransformsCatalog transforms) =>
        transforms.CustomMapping(GetMapping(), GetType().GetCustomAttribute<CustomMappingFactoryAttributeAttribute>()!.ContractName);
}
