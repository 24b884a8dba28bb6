using Microsoft.ML.Data;

namespace Leaf.MLNet.Tests;

/// <summary>A row holding an audio file path (and a label for training).</summary>
public sealed class PathRow
{
    public string Path { get; set; } = "";
    public string Label { get; set; } = "";
}

/// <summary>A row holding a 1 s waveform at 16 kHz.</summary>
public sealed class WaveformRow
{
    [VectorType(16000)] public float[] Waveform { get; set; } = [];
}

/// <summary>A prediction of the end-to-end pipeline.</summary>
public sealed class LabelPrediction
{
    public string PredictedLabel { get; set; } = "";
}
