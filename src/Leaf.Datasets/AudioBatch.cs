namespace Leaf.Datasets;

/// <summary>A batch of model inputs, ready to become a [Count, Samples] tensor.</summary>
/// <param name="Waveforms">Row-major [Count × Samples] samples.</param>
/// <param name="Labels">Label of each row (index into <see cref="AudioDataset.Labels"/>).</param>
/// <param name="FileIndices">File of each row (index into <see cref="AudioDataset.Items"/>); in evaluation a file spans several rows.</param>
/// <param name="Samples">Samples per row.</param>
public sealed record AudioBatch(float[] Waveforms, int[] Labels, int[] FileIndices, int Samples)
{
    /// <summary>Rows in the batch (the last batch of an epoch may be smaller than the batch size).</summary>
    public int Count => Labels.Length;

    /// <summary>Row <paramref name="row"/>'s samples.</summary>
    public ReadOnlySpan<float> Row(int row) => Waveforms.AsSpan(row * Samples, Samples);
}
