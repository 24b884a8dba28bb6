using Leaf.Tests;

namespace Leaf.Datasets.Tests;

/// <summary>Named datasets for multi-task training.</summary>
public class DataNamedDatasetTests
{
    [Theory]
    [InlineData("kws=/data/speech", "kws", "/data/speech")]
    [InlineData("/data/speech/", "speech", "/data/speech/")]
    [InlineData("pitch=lists/nsynth.csv", "pitch", "lists/nsynth.csv")]
    [InlineData("lists/nsynth.csv", "nsynth", "lists/nsynth.csv")]
    public void SpecsSplitIntoNameAndPath(string spec, string name, string path) =>
        Assert.Equal((name, path), NamedDataset.ParseSpec(spec));

    [Theory]
    [InlineData("a=", "no path")]
    [InlineData("=dir", "must be non-empty")]
    [InlineData("a b=dir", "must be non-empty")]
    public void BadSpecsAreRejected(string spec, string message) =>
        Assert.Contains(message, Assert.Throws<ArgumentException>(() => NamedDataset.ParseSpec(spec)).Message, StringComparison.Ordinal);

    [Fact]
    public void EachDatasetKeepsItsOwnLabels()
    {
        using var one = new DataTestFiles();
        using var two = new DataTestFiles();
        one.Tone("yes/1.wav"); one.Tone("no/1.wav");
        two.Tone("piano/1.wav"); two.Tone("flute/1.wav"); two.Tone("organ/1.wav");

        var tasks = NamedDataset.LoadAll([$"kws={one.Root}", $"inst={two.Root}"]);

        Assert.Equal(["kws", "inst"], tasks.Select(t => t.Name));
        Assert.Equal(["no", "yes"], tasks[0].Dataset.Labels);
        Assert.Equal(["flute", "organ", "piano"], tasks[1].Dataset.Labels);
        Assert.Contains("'a'", Assert.Throws<ArgumentException>(() => NamedDataset.LoadAll([$"a={one.Root}", $"a={two.Root}"])).Message, StringComparison.Ordinal);
    }
}
