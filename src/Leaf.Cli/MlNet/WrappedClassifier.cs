using Leaf.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Leaf.Cli.MlNet;

/// <summary>
/// Route (a) of docs/mlnet.md: a classifier exported by <c>leaf train</c> as the ML.NET pipeline
/// <see cref="ModelInput"/>.Path → LoadAudio (whole file) → ApplyLeafClassifier (clip windows, mean logits) →
/// <see cref="ModelOutput"/>, so it predicts what <c>leaf predict</c> predicts for files of any length.
/// </summary>
internal static class WrappedClassifier
{
    private const string WaveformColumn = "Waveform";

    /// <summary>The unfitted pipeline and its classifier estimator (labels, clip length).</summary>
    public static (EstimatorChain<ColumnSelectingTransformer> Pipeline, ApplyLeafClassifierEstimator Classifier) Create(MLContext ml, string modelPath, string? task, bool loudness)
    {
        var classifier = ml.Transforms.ApplyLeafClassifier(WaveformColumn, modelPath, new ApplyLeafClassifierOptions
        {
            Task = task,
            WindowLoudness = loudness ? new ApplyLeafClassifierOptions().WindowLoudness : null,
        });
        var pipeline = ml.Transforms.LoadAudio(WaveformColumn, nameof(ModelInput.Path), new LoadAudioOptions { Length = ClipLength.Full })
            .Append(classifier)
            .Append(ml.Transforms.DropColumns(WaveformColumn));
        return (pipeline, classifier);
    }

    /// <summary>Fits the pipeline (nothing is learned: the input schema is all it needs).</summary>
    public static TransformerChain<ColumnSelectingTransformer> Fit(MLContext ml, EstimatorChain<ColumnSelectingTransformer> pipeline) =>
        pipeline.Fit(ml.Data.LoadFromEnumerable(Array.Empty<ModelInput>()));
}
