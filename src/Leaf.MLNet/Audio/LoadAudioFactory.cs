using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace Leaf.MLNet.Audio;

/// <summary>
/// The decoding mapping for one <see cref="ClipLength"/> and <see cref="AudioErrorPolicy"/>. ML.NET saves only the
/// contract name of the subclass's <see cref="CustomMappingFactoryAttributeAttribute"/> and, on load, creates that
/// subclass with no arguments, so each combination is one registered subclass (<see cref="LoadAudioFactories"/>).
/// </summary>
internal abstract class LoadAudioFactory<TRow>(ClipLength length, AudioErrorPolicy policy) : CustomMappingFactory<AudioPathRow, TRow>
    where TRow : DecodedAudioRow, new()
{
    public override Action<AudioPathRow, TRow> GetMapping() => (src, dst) => AudioDecoding.Decode(src.LeafAudioPath, length, policy, dst);

    public IEstimator<ITransformer> CreateEstimator(TransformsCatalog transforms) =>
        transforms.CustomMapping(GetMapping(), GetType().GetCustomAttribute<CustomMappingFactoryAttributeAttribute>()!.ContractName);
}
