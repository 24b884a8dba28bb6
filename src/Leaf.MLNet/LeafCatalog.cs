using Leaf.MLNet;

namespace Microsoft.ML;

/// <summary>
/// ML.NET entry points of LEAF for .NET, as extension methods on <c>mlContext.Transforms</c>. Like ML.NET's own
/// component catalogs (ImageAnalytics, OnnxTransformer) this class is in the <c>Microsoft.ML</c> namespace, so
/// <c>using Microsoft.ML;</c> alone finds the transforms; their option and estimator types are in <c>Leaf.MLNet</c>.
/// </summary>
/// <remarks>
/// A model zip holding <see cref="LoadAudio"/> reloads once this assembly is known to the context's component catalog;
/// in a process that has not called <see cref="LoadAudio"/> yet, register it with one line before
/// <c>mlContext.Model.Load</c>: <c>mlContext.ComponentCatalog.RegisterAssembly(typeof(LeafCatalog).Assembly);</c>.
/// <see cref="LeafFeaturize"/> needs nothing: it saves as ML.NET's own ONNX transform. <see cref="ApplyLeafClassifier"/>
/// needs the same line (its arg-max step is a registered mapping).
/// </remarks>
/// <example>
/// <code>
/// var ml = new MLContext(seed: 1);
/// var pipeline = ml.Transforms.LoadAudio("Waveform", "Path")
///     .Append(ml.Transforms.LeafFeaturize("Features", "Waveform", new LeafFeaturizeOptions { Layout = FeatureLayout.Mean }))
///     .AppendCacheCheckpoint(ml) // SDCA makes many passes: decode and featurize once
///     .Append(ml.Transforms.Conversion.MapValueToKey("Label"))
///     .Append(ml.Transforms.NormalizeMinMax("Features"))
///     .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
///     .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedLabel"));
/// </code>
/// </example>
public static class LeafCatalog
{
    /// <summary>
    /// Decodes audio files: a text column of paths → a float vector column of mono samples at 16 kHz, cropped at the
    /// centre / zero-padded to <see cref="LoadAudioOptions.Length"/> (known size) or whole (variable size). WAV is
    /// decoded natively; other formats need ffmpeg. Saved by contract name: see the class remarks for loading.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Name of the waveform column to create.</param>
    /// <param name="inputColumnName">Name of the text column holding the file paths.</param>
    /// <param name="options">Length and error policy; <see langword="null"/> for 1 s and <see cref="AudioErrorPolicy.Throw"/>.</param>
    public static LoadAudioEstimator LoadAudio(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, LoadAudioOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        return new LoadAudioEstimator(catalog, outputColumnName, inputColumnName, options ?? new LoadAudioOptions());
    }

    /// <summary>
    /// Computes LEAF (or another exported frontend's) features with ONNX Runtime through ML.NET's ONNX transform:
    /// a float waveform column of <see cref="LeafFeaturizeOptions.InputLength"/> samples → a float vector column laid
    /// out as <see cref="LeafFeaturizeOptions.Layout"/>. ML.NET's ONNX transform scores one row at a time; call ONNX
    /// Runtime directly (<c>Leaf.Onnx.OnnxFrontend</c>) for large batch jobs.
    /// </summary>
    /// <remarks>
    /// Whole files: a variable-length waveform column (<see cref="LoadAudio"/> with <see cref="ClipLength.Full"/>) gives
    /// a variable-length vector of frames × N (<see cref="FeatureLayout.Frames"/>) or the pooled layout's fixed-size
    /// vector. Such rows, and fixed lengths above <see cref="LeafFeaturizeOptions.SegmentSamples"/>, run through the
    /// segmented frontend model (one ONNX model that computes the features in segments, with the offline model's
    /// values), so memory per row does not grow with the row's length.
    /// </remarks>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Name of the feature column to create.</param>
    /// <param name="inputColumnName">Name of the waveform column (not <c>features</c> or <c>pooled_features</c>, used internally).</param>
    /// <param name="options">Frontend, length, layout and device; <see langword="null"/> for the paper's LEAF on 1 s, all frames.</param>
    /// <exception cref="ArgumentException">Inconsistent options or a reserved column name.</exception>
    /// <exception cref="NotSupportedException">A GPU was asked for without fallback and ONNX Runtime has no CUDA provider.</exception>
    public static LeafFeaturizeEstimator LeafFeaturize(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, LeafFeaturizeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(outputColumnName);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        return new LeafFeaturizeEstimator(catalog, outputColumnName, inputColumnName, options ?? new LeafFeaturizeOptions());
    }

    /// <summary>
    /// Runs a whole exported classifier (<c>leaf train</c>'s <c>model.onnx</c>, or any model of
    /// <c>Leaf.Onnx.Classifiers.ClassifierExporter</c>) with ONNX Runtime: a float waveform column of the model's clip
    /// length → a <c>Score</c> vector of softmax probabilities (in the order of the labels in the model's metadata) and
    /// a <c>PredictedLabel</c> text column. The ONNX bytes and the labels travel inside a saved model zip.
    /// </summary>
    /// <remarks>
    /// Either one clip per row: <see cref="LoadAudio"/> output of the model's clip length with
    /// <see cref="LoadAudioOptions.NormalizeLoudness"/> on (trained models expect it; a longer file is centre-cropped to
    /// one clip). Or whole files: <see cref="LoadAudio"/> with <see cref="ClipLength.Full"/> and loudness off; the
    /// estimator then runs the windowed model (<c>Leaf.Onnx.Classifiers.ClassifierWindowing</c>): the evaluation
    /// protocol of <c>leaf train</c> and <c>leaf predict</c>, mean logits over non-overlapping clip windows, each window
    /// loudness-normalised. Reloading a zip needs the registration line of the class remarks.
    /// </remarks>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="inputColumnName">Name of the waveform column.</param>
    /// <param name="modelPath">Path of the classifier ONNX model (read once, now).</param>
    /// <param name="options">Task, output column names and device; <see langword="null"/> for the defaults.</param>
    /// <exception cref="FormatException">The file is not a classifier model of LEAF for .NET; the message names it.</exception>
    /// <exception cref="ArgumentException">No such task, or a multi-task model without <see cref="ApplyLeafClassifierOptions.Task"/>, or a reserved column name.</exception>
    public static ApplyLeafClassifierEstimator ApplyLeafClassifier(this TransformsCatalog catalog, string inputColumnName, string modelPath, ApplyLeafClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(inputColumnName);
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        return new ApplyLeafClassifierEstimator(catalog, inputColumnName, modelPath, options ?? new ApplyLeafClassifierOptions());
    }

    /// <summary>The text column <see cref="LoadAudio"/> adds under <see cref="AudioErrorPolicy.Skip"/>: <c>&lt;output&gt;DecodeError</c>.</summary>
    public static string DecodeErrorColumnName(string outputColumnName) => outputColumnName + "DecodeError";
}
