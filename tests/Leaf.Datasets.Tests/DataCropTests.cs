using Leaf.Audio;
using Leaf.Tests;

namespace Leaf.Datasets.Tests;

/// <summary>Training crops and epoch order: determined by (seed, epoch), different across epochs.</summary>
public class DataCropTests
{
    private static readonly ClipOptions Raw = new() { Length = 400, Loudness = null };

    [Fact]
    public void CropStartsAtTheDrawnOffsetAndShortClipsArePaddedAtTheEnd()
    {
        float[] ramp = DataTestFiles.Ramp(1000);
        for (int file = 0; file < 20; file++)
        {
            int offset = TrainingCrop.Offset(ramp.Length, Raw.Length, seed: 3, epoch: 1, file);
            Assert.InRange(offset, 0, 600);
            float[] crop = TrainingCrop.Example(ramp, Raw, seed: 3, epoch: 1, file);
            Assert.Equal(ramp.AsSpan(offset, 400).ToArray(), crop);
        }
        float[] shortClip = DataTestFiles.Ramp(150);
        float[] padded = TrainingCrop.Example(shortClip, Raw, 3, 1, 0);
        Assert.Equal(shortClip, padded[..150]);
        Assert.All(padded[150..], x => Assert.Equal(0f, x));
    }

    [Fact]
    public void OffsetsCoverTheWholeRangeAndChangeWithEpochAndSeed()
    {
        int[] Offsets(int seed, int epoch) => [.. Enumerable.Range(0, 500).Select(f => TrainingCrop.Offset(1000, 400, seed, epoch, f))];
        int[] first = Offsets(1, 0);
        Assert.Equal(first, Offsets(1, 0));
        Assert.NotEqual(first, Offsets(1, 1));
        Assert.NotEqual(first, Offsets(2, 0));
        Assert.InRange(first.Min(), 0, 10);     // 500 uniform draws from 601 values reach both ends
        Assert.InRange(first.Max(), 590, 600);
        Assert.Equal(0, TrainingCrop.Offset(400, 400, 1, 0, 0));
    }

    [Fact]
    public void CropsAreLoudnessNormalisedByDefault()
    {
        // gain = min(10^(30/20), 10^(15/20) / std) (docs/frontends.md "Input pipeline"): a loud clip reaches the target, a quiet one the maximum gain.
        float[] Sine(double amplitude) => [.. Enumerable.Range(0, 16000).Select(n => (float)(amplitude * Math.Sin(n * 0.05)))];
        float[] loud = Sine(0.5), quiet = Sine(0.01);
        Assert.Equal(Math.Pow(10, 15 / 20.0), LoudnessNormalization.StandardDeviation(TrainingCrop.Example(loud, ClipOptions.Default, 0, 0, 0)), 3);
        double quietStd = LoudnessNormalization.StandardDeviation(quiet);
        Assert.Equal(Math.Pow(10, 30 / 20.0) * quietStd, LoudnessNormalization.StandardDeviation(TrainingCrop.Example(quiet, ClipOptions.Default, 0, 0, 0)), 5);
    }

    [Fact]
    public void EpochOrderIsAPermutationFixedBySeedAndEpoch()
    {
        int[] indices = [.. Enumerable.Range(10, 40)];
        int[] order = EpochOrder.Shuffle(indices, seed: 4, epoch: 2);
        Assert.Equal(indices, order.Order());
        Assert.Equal(order, EpochOrder.Shuffle(indices, 4, 2));
        Assert.NotEqual(order, EpochOrder.Shuffle(indices, 4, 3));
        Assert.NotEqual(order, EpochOrder.Shuffle(indices, 5, 2));
    }

    [Fact]
    public void TrainingBatchesAreReproducibleForSeedAndEpoch()
    {
        using var files = new DataTestFiles();
        for (int i = 0; i < 12; i++) files.Ramp($"{(i % 3 == 0 ? "a" : "b")}/{i:D2}.wav", 700 + 37 * i);
        AudioDataset dataset = AudioDataset.Load(files.Root, new DatasetOptions { Fractions = new SplitFractions(1, 0, 0) });
        List<AudioBatch> Epoch(int seed, int epoch) =>
            [.. new BatchSource(dataset, new BatchSourceOptions { Clip = Raw }).Training(DatasetSplit.Train, 5, seed, epoch)];

        List<AudioBatch> one = Epoch(7, 3), again = Epoch(7, 3), next = Epoch(7, 4);
        Assert.Equal(one.SelectMany(b => b.Waveforms), again.SelectMany(b => b.Waveforms));
        Assert.Equal(one.SelectMany(b => b.FileIndices), again.SelectMany(b => b.FileIndices));
        Assert.NotEqual(one.SelectMany(b => b.FileIndices), next.SelectMany(b => b.FileIndices));

        // Every row is the crop that TrainingCrop draws for its file in that epoch, wherever it lands in the batch.
        foreach (AudioBatch batch in next)
        {
            for (int r = 0; r < batch.Count; r++)
            {
                int file = batch.FileIndices[r];
                int length = (int)dataset.Items[file].Info.Frames;
                int offset = TrainingCrop.Offset(length, 400, 7, 4, file);
                Assert.Equal((offset + 1) / 32768f, batch.Row(r)[0]); // the ramp's value says where the crop starts
                Assert.Equal(dataset.Items[file].Label, batch.Labels[r]);
            }
        }
    }
}
