using System.Text.Json;
using System.Text.Json.Serialization;

namespace Leaf.Frontends.Classifiers;

/// <summary>
/// A trained audio classifier for inference, free of any deep-learning runtime (docs/frontends.md "Classifier"): the frontend maps waveforms
/// [batch, samples] to features [batch, frames, N]; a channel axis makes them images [batch, 1, frames, N] (time = height,
/// frequency = width); the encoder <see cref="Layers"/> run in order; a global max pooling over height and width gives the
/// embedding [batch, C]; each head gives one task's logits. Saved as JSON (format <c>leaf-classifier/1</c>).
/// </summary>
public sealed record ClassifierDescription
{
    /// <summary>The format tag written into every description.</summary>
    public const string CurrentFormat = "leaf-classifier/1";

    /// <summary>Format tag; must equal <see cref="CurrentFormat"/>.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The frontend with its learned values.</summary>
    public required FrontendDescription Frontend { get; init; }

    /// <summary>Which encoder architecture <see cref="Layers"/> came from (informational).</summary>
    public EncoderKind Encoder { get; init; }

    /// <summary>The encoder's layers, batch normalisation folded in.</summary>
    public required EncoderLayer[] Layers { get; init; }

    /// <summary>One linear head per task, in task order.</summary>
    public required ClassifierHead[] Heads { get; init; }

    /// <summary>Channels of the encoder output, i.e. the size of the pooled embedding.</summary>
    [JsonIgnore] public int EmbeddingSize => EncoderLayer.OutputChannels(Layers, 1, "classifier description");

    /// <summary>The tasks, in head order.</summary>
    [JsonIgnore] public IReadOnlyList<ClassifierTask> Tasks => Heads.Select(h => h.Task).ToArray();

    /// <summary>Serialises to indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, FrontendDescription.JsonOptions);

    /// <summary>Parses and validates JSON written by <see cref="ToJson"/>.</summary>
    /// <exception cref="FormatException">The JSON is not a valid description; the message says why.</exception>
    public static ClassifierDescription FromJson(string json, string source = "classifier description")
    {
        ClassifierDescription? d;
        try { d = JsonSerializer.Deserialize<ClassifierDescription>(json, FrontendDescription.JsonOptions); }
        catch (JsonException e) { throw new FormatException($"{source}: invalid JSON: {e.Message}", e); }
        catch (Exception e) when (e is NotSupportedException or ArgumentException) { throw new FormatException($"{source}: {e.Message}", e); }
        if (d is null) throw new FormatException($"{source}: empty JSON");
        d.Validate(source);
        return d;
    }

    /// <summary>Reads a description from a JSON file.</summary>
    public static ClassifierDescription Load(string path) => FromJson(File.ReadAllText(path), path);

    /// <summary>Writes the description as JSON, atomically (temporary file, then rename).</summary>
    public void Save(string path) => Leaf.Audio.AtomicFile.WriteText(path, ToJson());

    /// <summary>Checks the frontend, that every layer fits the channels it receives, and the heads.</summary>
    /// <exception cref="FormatException">Something is inconsistent; the message names it.</exception>
    public void Validate(string source = "classifier description")
    {
        if (Format != CurrentFormat) throw new FormatException($"{source}: format '{Format}' is not '{CurrentFormat}'");
        if (Frontend is null) throw new FormatException($"{source}: no frontend");
        Frontend.Validate($"{source}, frontend");
        if (Layers is null) throw new FormatException($"{source}: no layers");
        int embedding = EncoderLayer.OutputChannels(Layers, 1, source);
        if (Heads is not { Length: > 0 }) throw new FormatException($"{source}: needs at least one head");
        for (int i = 0; i < Heads.Length; i++)
        {
            if (Heads[i] is null) throw new FormatException($"{source}: head {i} is null");
            Heads[i].Validate(embedding, $"{source}, head {i}");
        }
        var repeated = Heads.GroupBy(h => h.Task.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new FormatException($"{source}: task '{repeated.Key}' appears in more than one head");
    }
}
