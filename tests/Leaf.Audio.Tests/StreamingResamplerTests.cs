namespace Leaf.Audio.Tests;

/// <summary><see cref="StreamingResampler"/>: pieces of any size give, concatenated, the whole-signal resampler's output bit for bit.</summary>
public class StreamingResamplerTests
{
    public static TheoryData<int, int> Cases()
    {
        var cases = new TheoryData<int, int>();
        foreach (int rate in new[] { 8000, 22050, 44100, 48000, 16000 })
            foreach (int piece in new[] { 1, 159, 160, 161, 4096, 0 }) // 0: random sizes
                cases.Add(rate, piece);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pieces_concatenate_to_the_whole_signal_resampled(int inputRate, int piece)
    {
        var random = new Random(inputRate + piece);
        foreach (int length in new[] { 1, 200, inputRate / 3 + 17 })
        {
            float[] signal = [.. Enumerable.Range(0, length).Select(n => (float)(0.4 * Math.Sin(0.013 * n * (1 + n / 5000.0)) + 0.1 * (random.NextDouble() - 0.5)))];
            float[] whole = PolyphaseResampler.Resample(signal, inputRate, 16000);
            var stream = new StreamingResampler(inputRate, 16000);
            var output = new List<float>();
            for (int at = 0; at < length;)
            {
                int n = Math.Min(length - at, piece > 0 ? piece : random.Next(1, 3000));
                output.AddRange(stream.Push(signal.AsSpan(at, n)));
                at += n;
            }
            output.AddRange(stream.Complete());
            Assert.Equal(whole, output.ToArray());
            Assert.Equal(whole.Length, stream.SamplesProduced);
        }
    }

    [Fact]
    public void Each_output_comes_as_soon_as_the_inputs_it_reads_have_arrived()
    {
        var whole = new PolyphaseResampler(48000, 16000);
        var stream = new StreamingResampler(48000, 16000);
        long returned = 0;
        for (int n = 1; n <= 2000; n++)
        {
            returned += stream.Push([0.1f]).Length;
            // output m reads inputs up to ⌊3m⌋ + R: after n inputs, those with 3m + R ≤ n − 1
            long expected = n - 1 - whole.HalfLength < 0 ? 0 : (n - 1 - whole.HalfLength) / 3 + 1;
            Assert.Equal(expected, returned);
        }
    }

    [Fact]
    public void Pushing_after_completion_is_refused()
    {
        var stream = new StreamingResampler(8000, 16000);
        stream.Push([0.5f, 0.25f]);
        Assert.Equal(4, stream.Complete().Length);
        Assert.Throws<InvalidOperationException>(() => stream.Push([0f]));
        Assert.Throws<InvalidOperationException>(() => stream.Complete());
    }
}
