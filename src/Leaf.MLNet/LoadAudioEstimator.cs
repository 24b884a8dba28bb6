using Leaf.MLNet.Audio;
using Microsoft.ML;

namespace Leaf.MLNet;

/// <summary>
/// Estimator of <see cref="LeafCatalog.LoadAudio"/>: a text column of file paths → a float waveform column (mono,
/// 16 kHz, length per <see cref="LoadAudioOptions.Length"/>), plus <see cref="LeafCatalog.DecodeErrorColumnName"/>
/// under <see cref="AudioErrorPolicy.Skip"/>. Fitting learns nothing; the fitted chain is CopyColumns → CustomMapping
/// (contract <c>Leaf.LoadAudio.16kHz.&lt;length&gt;.&lt;policy&gt;</c>) → CopyColumns → DropColumns.
/// </summary>
public sealed class LoadAudioEstimator : DelegatingEstimator
{
    internal LoadAudioEstimator(TransformsCatalog transforms, string outputColumnName, string inputColumnName, LoadAudioOptions options)
        : base(inputColumnName, Steps(transforms, outputColumnName, inputColumnName, options))
    {
        Options = options;
    }

    /// <summary>The options it was created with.</summary>
    public LoadAudioOptions Options { get; }

    private protected override void CheckInput(SchemaShape inputSchema) => InputColumnCheck.RequireText(inputSchema, "LoadAudio", InputColumnName);

    private protected override void CheckInput(DataViewSchema inputSchema) => InputColumnCheck.RequireText(inputSchema, "LoadAudio", InputColumnName);

    private static IEnumerable<IEstimator<ITransformer>> Steps(TransformsCatalog transforms, string output, string input, LoadAudioOptions options)
    {
        string[] internalNames = [AudioPathRow.ColumnName, DecodedAudioRow.WaveformColumnName, DecodedAudioRow.ErrorColumnName];
        foreach (string name in new[] { output, input })
            if (internalNames.Contains(name, StringComparer.Ordinal))
                throw new ArgumentException($"LoadAudio: column name '{name}' is reserved for its internal columns; choose another", nameof(output));
        string error = LeafCatalog.DecodeErrorColumnName(output);
        var keep = options.OnError == AudioErrorPolicy.Skip ? new[] { input, output, error } : [input, output];
        return [
            .. Rename(transforms, input, AudioPathRow.ColumnName),
            LoadAudioFactories.CreateEstimator(transforms, options),
            .. Rename(transforms, DecodedAudioRow.WaveformColumnName, output),
            .. options.OnError == AudioErrorPolicy.Skip ? Rename(transforms, DecodedAudioRow.ErrorColumnName, error) : [],
            .. Drop(transforms, internalNames, keep),
        ];
    }
}
