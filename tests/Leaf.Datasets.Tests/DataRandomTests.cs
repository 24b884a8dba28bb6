namespace Leaf.Datasets.Tests;

/// <summary>The seeded generator behind every reproducible choice of the data layer.</summary>
public class DataRandomTests
{
    [Fact]
    public void SameKeysGiveTheSameStreamAndKeyOrderMatters()
    {
        ulong[] Draw(DeterministicRandom r) => [.. Enumerable.Range(0, 8).Select(_ => r.NextUInt64())];
        Assert.Equal(Draw(DeterministicRandom.For(1, 2, 3)), Draw(DeterministicRandom.For(1, 2, 3)));
        Assert.NotEqual(Draw(DeterministicRandom.For(1, 2, 3)), Draw(DeterministicRandom.For(2, 1, 3)));
        Assert.NotEqual(Draw(DeterministicRandom.For(1, 2)), Draw(DeterministicRandom.For(1, 2, 0)));
    }

    [Fact]
    public void SplitMix64MatchesItsDefinition()
    {
        // SplitMix64 from state 0: the first output is the finaliser of 0x9E3779B97F4A7C15 (Steele et al. 2014).
        ulong z = 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        Assert.Equal(z ^ (z >> 31), new DeterministicRandom(0).NextUInt64());
    }

    [Fact]
    public void KeyOfIsFnv1a()
    {
        Assert.Equal(unchecked((long)0xCBF29CE484222325), DeterministicRandom.KeyOf("")); // FNV-1a offset basis
        Assert.Equal(unchecked((long)0xAF63DC4C8601EC8C), DeterministicRandom.KeyOf("a")); // published FNV-1a 64 test vector
    }

    [Fact]
    public void NextIntIsInRangeAndRoughlyUniform()
    {
        var random = new DeterministicRandom(7);
        var counts = new int[6];
        for (int i = 0; i < 60000; i++) counts[random.NextInt(6)]++;
        double chi2 = counts.Sum(c => (c - 10000.0) * (c - 10000.0) / 10000.0);
        Assert.True(chi2 < 20.5, $"chi² = {chi2} with 5 degrees of freedom (p ≈ 0.001 bound)"); // counts {string.Join(",", counts)}
        Assert.All(Enumerable.Range(0, 1000).Select(_ => random.NextInt(-3, 3)), v => Assert.InRange(v, -3, 3));
    }

    [Fact]
    public void GaussianHasUnitVariance()
    {
        var random = new DeterministicRandom(11);
        double[] x = [.. Enumerable.Range(0, 40000).Select(_ => random.NextGaussian())];
        double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / x.Length;
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(variance, 0.97, 1.03);
    }

    [Fact]
    public void ShuffleIsAPermutation()
    {
        int[] items = [.. Enumerable.Range(0, 50)];
        new DeterministicRandom(3).Shuffle(items.AsSpan());
        Assert.Equal(Enumerable.Range(0, 50), items.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), items);
    }
}
