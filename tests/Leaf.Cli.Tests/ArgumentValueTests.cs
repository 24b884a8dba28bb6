namespace Leaf.Cli.Tests;

/// <summary>
/// Bad argument values are refused when the command line is parsed, before any file is opened: exit code 2 and one
/// line naming the option, the value and the bound. (The files named here need not exist: nothing gets that far.)
/// </summary>
public class ArgumentValueTests
{
    private static readonly string[] Score = ["score", "--model", "m.onnx", "--input", "in", "--out", "r.csv"];
    private static readonly string[] Predict = ["predict", "--model", "m.onnx", "a.wav"];
    private static readonly string[] Train = ["train", "--data", "data", "--out", "run"];

    public static TheoryData<string[], string> Cases() => new()
    {
        { [.. Score, "--shard", "5/3"], "--shard 5/3: shard 5 of 3 is out of range" },
        { [.. Score, "--shard", "x"], "--shard 'x': expected I/N" },
        { [.. Score, "--batch", "0"], "--batch 0: must be 1 to 4096" },
        { [.. Score, "--batch", "100000000"], "--batch 100000000: must be 1 to 4096" },
        { [.. Score, "--threads", "-1"], "--threads -1: must be 0 to 256" },
        { [.. Score, "--threads", "100000"], "--threads 100000: must be 0 to 256" },
        { [.. Score, "--decoders", "0"], "--decoders 0: must be 1 to 256" },
        { [.. Score, "--flush-seconds", "0"], "--flush-seconds 0: must be a number above 0 and at most 86400" },
        { [.. Score, "--flush-seconds", "NaN"], "--flush-seconds NaN: must be a number above 0" },
        { [.. Score, "--device", "tpu"], "--device tpu: must be cpu, cuda or cuda:ID" },
        { [.. Score[..^1], "r.txt"], "must end in .csv or .parquet" },
        { ["score", "merge", "--out", "all.txt", "a.csv"], "must end in .csv or .parquet" },
        { [.. Predict, "--batch", "2147483647"], "--batch 2147483647: must be 1 to 4096" },
        { [.. Predict, "--top", "0"], "--top 0: must be 1 to 1000" },
        { [.. Predict, "--device", "cuda:x"], "--device cuda:x: must be cpu, cuda or cuda:ID" },
        { [.. Predict, "--frobnicate"], "unknown option '--frobnicate'" },
        { ["featurize", "a.wav", "--out", "f", "--frobnicate"], "unknown option '--frobnicate'" },
        { ["eval", "--model", "m.onnx", "--data", "d", "--threads", "-1"], "--threads -1: must be 0 to 256" },
        { [.. Train, "--epochs", "-1"], "--epochs -1: must be 1 to 100000" },
        { [.. Train, "--batch", "0"], "--batch 0: must be 1 to 4096" },
        { [.. Train, "--batch", "2147483647"], "--batch 2147483647: must be 1 to 4096" },
        { [.. Train, "--lr", "NaN"], "--lr NaN: must be a number above 0 and at most 10" },
        { [.. Train, "--lr", "-0.1"], "--lr -0.1: must be a number above 0" },
        { [.. Train, "--frontend-lr", "-1"], "--frontend-lr -1: must be a number from 0 to 10" },
        { [.. Train, "--width-lr-scale", "Infinity"], "--width-lr-scale Infinity: must be a number from 0" },
        { [.. Train, "--weight-decay", "-1"], "--weight-decay -1: must be a number from 0 to 10" },
        { [.. Train, "--patience", "-1"], "--patience -1: must be 0 to 100000" },
        { [.. Train, "--clip-seconds", "0"], "--clip-seconds 0: must be a number from 0.01 to 600" },
        { [.. Train, "--clip-seconds", "1e9"], "--clip-seconds 1e9: must be a number from 0.01 to 600" },
        { [.. Train, "--minutes", "0"], "--minutes 0: must be a number above 0" },
        { [.. Train, "--device", "tpu"], "--device tpu: must be cpu, cuda or cuda:ID" },
        { ["export", "--out", "x.onnx", "--fixed-samples", "0"], "--fixed-samples 0: must be 1 to 28800000" },
        { ["export", "--out", "x.onnx", "--classifier", "c.json", "--clip-samples", "2000000000"], "--clip-samples 2000000000: must be 1 to 28800000" },
        { ["bench", "frontend", "--seconds", "0"], "--seconds 0: must be 1 to 600" },
        { ["bench", "frontend", "--threads", "100000"], "--threads 100000: must be 1 to 256" },
        { ["bench", "frontend", "--runs", "0"], "--runs 0: must be 1 to 1000" },
        { ["data", "synth", "keywords", "--out", "d", "--per-class", "0"], "--per-class 0: must be 1 to 100000" },
        { ["demo", "--epochs", "0"], "--epochs 0: must be 1 to 100000" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadValuesExit2WithOneLineNamingOptionValueAndBound(string[] args, string message)
    {
        var (code, output, err) = CliBasicsTests.Run(args);
        Assert.Equal(LeafCli.UsageError, code);
        Assert.Equal("", output);
        string line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("leaf: ", line);
        Assert.Contains(message, line);
    }

    [Fact]
    public void AnUnexpectedExceptionIsOneLineWithAHintAndTheTraceOnlyWithVerbose()
    {
        static string Report(bool verbose)
        {
            var err = new StringWriter();
            Assert.Equal(LeafCli.Failure, CliErrors.Report(new NullReferenceException("Object reference not set to an instance of an object."), err, verbose));
            return err.ToString();
        }
        string line = Assert.Single(Report(verbose: false).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("leaf: unexpected error (NullReferenceException): Object reference not set to an instance of an object.; run the command again with --verbose for the full trace", line);
        Assert.Contains("System.NullReferenceException", Report(verbose: true).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);
        // --verbose is accepted by every command.
        Assert.Equal(0, CliBasicsTests.Run("info", "--verbose").Code);
    }
}
