using System.Text.Json;

namespace Leaf.Cli.Tests;

[Collection(ScoringCollection.Name)]
public sealed class PredictEvalCommandTests(ScoringFixture fixture)
{
    [Fact]
    public void EvalAccuracyAndConfusionAreThoseOfPredictsTopLabels()
    {
        var (code, json, err) = CliBasicsTests.Run("predict", "--model", fixture.Model, "--json", "--top", "1", fixture.Data);
        Assert.True(code == 0, err);
        var predicted = JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(p => (Truth: Path.GetFileName(Path.GetDirectoryName(p.GetProperty("path").GetString())!),
                          Label: p.GetProperty("tasks").GetProperty("task")[0].GetProperty("label").GetString()!)).ToList();
        Assert.Equal(9, predicted.Count);

        var (evalCode, evalJson, evalErr) = CliBasicsTests.Run("eval", "--model", fixture.Model, "--data", fixture.Data, "--json");
        Assert.True(evalCode == 0, evalErr);
        var report = JsonDocument.Parse(evalJson).RootElement;
        Assert.Equal("all", report.GetProperty("split").GetString());
        Assert.Equal(9, report.GetProperty("files").GetInt32());
        Assert.Equal(predicted.Count(p => p.Truth == p.Label) / 9.0, report.GetProperty("accuracy").GetDouble(), 12);
        var confusion = report.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        for (int t = 0; t < 3; t++)
            for (int p = 0; p < 3; p++)
                Assert.Equal(predicted.Count(x => x.Truth == ScoringFixture.Labels[t] && x.Label == ScoringFixture.Labels[p]), confusion[t][p]);
        foreach (var c in report.GetProperty("classes").EnumerateArray())
        {
            int i = Array.IndexOf(ScoringFixture.Labels, c.GetProperty("label").GetString());
            int predictedAs = confusion.Sum(row => row[i]);
            Assert.Equal(predictedAs == 0 ? 0 : confusion[i][i] / (double)predictedAs, c.GetProperty("precision").GetDouble(), 12);
            Assert.Equal(confusion[i][i] / 3.0, c.GetProperty("recall").GetDouble(), 12);
            Assert.Equal(3, c.GetProperty("support").GetInt32());
        }

        var (_, text, _) = CliBasicsTests.Run("eval", "--model", fixture.Model, "--data", fixture.Data);
        Assert.Contains("all files (the dataset has no test split), 9 files", text);
        Assert.Contains($"({predicted.Count(p => p.Truth == p.Label)}/9)", text);
    }

    [Fact]
    public void EvalUsesTheTestSplitWhenThereIsOne()
    {
        string data = fixture.NewFolder();
        foreach (var split in new[] { "train", "test" })
            foreach (var label in ScoringFixture.Labels)
                ScoringFixture.Tone(Path.Combine(data, split, label, "x.wav"), 500, 7000);
        var (code, text, err) = CliBasicsTests.Run("eval", "--model", fixture.Model, "--data", data);
        Assert.True(code == 0, err);
        Assert.Contains("test split, 3 files", text);
    }

    [Fact]
    public void PredictPrintsTopKLabelsMostProbableFirst()
    {
        string file = Path.Combine(fixture.Audio, "a", "clip00.wav");
        var (code, text, err) = CliBasicsTests.Run("predict", "--model", fixture.Model, "--top", "2", file);
        Assert.True(code == 0, err);
        string line = Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(file + ": ", line);
        var probabilities = line[(file.Length + 2)..].Split(", ").Select(p => double.Parse(p.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2, probabilities.Length);
        Assert.True(probabilities[0] >= probabilities[1]);
    }

    [Fact]
    public void BadArgumentsAndMismatchedDatasetsGiveOneLineErrors()
    {
        var top = CliBasicsTests.Run("predict", "--model", fixture.Model, "--top", "0", fixture.Audio);
        Assert.Contains("--top 0: must be 1 to 1000", top.Err);
        var missing = CliBasicsTests.Run("predict", "--model", fixture.Model, Path.Combine(fixture.Root, "nope.wav"));
        Assert.Contains("nope.wav", missing.Err);
        Assert.Equal(LeafCli.Failure, missing.Code);

        string data = fixture.NewFolder();
        ScoringFixture.Tone(Path.Combine(data, "low", "a.wav"), 300, 4000);
        ScoringFixture.Tone(Path.Combine(data, "siren", "a.wav"), 900, 4000);
        var eval = CliBasicsTests.Run("eval", "--model", fixture.Model, "--data", data);
        Assert.Equal(LeafCli.Failure, eval.Code);
        Assert.Contains("class 'siren' is not a label of the model (low, mid, high)", eval.Err);
        Assert.Equal(LeafCli.UsageError, CliBasicsTests.Run("eval", "--data", data).Code); // --model is required
    }
}
