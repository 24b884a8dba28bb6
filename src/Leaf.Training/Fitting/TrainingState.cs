using System.Text.Json;

namespace Leaf.Training.Fitting;

/// <summary>The counters saved next to the weights in a checkpoint: where training stands and what was best so far.</summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Step">Optimizer steps taken.</param>
/// <param name="Seed">The run's seed (the data order of epoch e is a function of (seed, e)).</param>
/// <param name="BestValidAccuracy">Best validation accuracy so far.</param>
/// <param name="BestEpoch">Epoch of the best validation accuracy.</param>
/// <param name="Seconds">Training seconds so far.</param>
/// <param name="EpochsWithoutImprovement">Epochs since the best (early stopping).</param>
/// <param name="Clips">Training crops seen so far (all tasks).</param>
public sealed record TrainingState(int Epoch, long Step, int Seed, double BestValidAccuracy, int BestEpoch, double Seconds, int EpochsWithoutImprovement, long Clips = 0)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>The state before training.</summary>
    public static TrainingState Start(int seed) => new(0, 0, seed, double.NegativeInfinity, 0, 0, 0);

    /// <summary>JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses JSON text.</summary>
    /// <exception cref="FormatException">The text is not a training state.</exception>
    public static TrainingState FromJson(string json) =>
        JsonSerializer.Deserialize<TrainingState>(json, Json) ?? throw new FormatException("empty training state");
}
