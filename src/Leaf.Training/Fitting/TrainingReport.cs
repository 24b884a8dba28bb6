using System.Text.Json;
using System.Text.Json.Nodes;
using Leaf.Frontends;

namespace Leaf.Training.Fitting;

/// <summary>The content of <c>report.json</c>: test results of the best checkpoint (per-file protocol) and the run's facts.</summary>
public sealed record TrainingReport
{
    /// <summary>Mean over tasks of the per-file test accuracy (NaN when no task has a test split).</summary>
    public required double TestAccuracy { get; init; }

    /// <summary>Best validation accuracy (mean over tasks).</summary>
    public required double BestValidAccuracy { get; init; }

    /// <summary>Epoch of <see cref="BestValidAccuracy"/>.</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Epochs and steps trained.</summary>
    public required int Epochs { get; init; }

    /// <summary>Optimizer steps taken.</summary>
    public required long Steps { get; init; }

    /// <summary>Training seconds (all sessions).</summary>
    public required double Seconds { get; init; }

    /// <summary>Training crops per second of training time (validation included), over all sessions.</summary>
    public required double ClipsPerSecond { get; init; }

    /// <summary>Trainable parameters of the frontend.</summary>
    public required long FrontendParameters { get; init; }

    /// <summary>Trainable parameters of the whole classifier.</summary>
    public required long TotalParameters { get; init; }

    /// <summary>Each task's test results, in head order.</summary>
    public required IReadOnlyList<TaskReport> Tasks { get; init; }

    /// <summary>The learned frontend (best checkpoint); written in its own contract format.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public FrontendDescription Frontend { get; init; } = null!;   // not "required": System.Text.Json refuses required ignored properties

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Indented JSON; the frontend in its own contract format.</summary>
    public string ToJson()
    {
        var node = JsonSerializer.SerializeToNode(this, Json)!.AsObject();
        node["frontend"] = JsonNode.Parse(Frontend.ToJson());
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads a report written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The file is not a training report; the message names it.</exception>
    public static TrainingReport Load(string path)
    {
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? throw new FormatException($"{path}: empty training report");
            var frontend = FrontendDescription.FromJson(node["frontend"]?.ToJsonString() ?? throw new FormatException($"{path}: the report has no frontend"), path);
            node.Remove("frontend");
            var report = node.Deserialize<TrainingReport>(Json) ?? throw new FormatException($"{path}: empty training report");
            return report with { Frontend = frontend };
        }
        catch (JsonException e) { throw new FormatException($"{path}: not a training report: {e.Message}", e); }
    }
}
