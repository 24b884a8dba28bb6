using System.Text.Json;
using System.Text.Json.Nodes;
using Leaf.Frontends;

namespace Leaf.Training.Training;

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

    /// <summary>Indented JSON; the frontend in its own contract format.</summary>
    public string ToJson()
    {
        var options = new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        var node = JsonSerializer.SerializeToNode(this, options)!.AsObject();
        node["frontend"] = JsonNode.Parse(Frontend.ToJson());
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
