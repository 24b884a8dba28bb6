using Leaf.Frontends.Classifiers;

namespace Leaf.Onnx.Classifiers;

/// <summary>One task's result for one file.</summary>
/// <param name="Task">The task and its labels (logit i belongs to <c>Labels[i]</c>).</param>
/// <param name="Logits">Mean of the windows' logits.</param>
/// <param name="Probabilities">Softmax of <paramref name="Logits"/> (not the mean of the windows' probabilities).</param>
public sealed record TaskScore(ClassifierTask Task, float[] Logits, float[] Probabilities)
{
    /// <summary>Index of the largest logit (the first on ties).</summary>
    public int TopIndex
    {
        get
        {
            int best = 0;
            for (int i = 1; i < Logits.Length; i++) if (Logits[i] > Logits[best]) best = i;
            return best;
        }
    }

    /// <summary>The predicted label.</summary>
    public string TopLabel => Task.Labels[TopIndex];

    /// <summary>The <paramref name="k"/> most probable labels, most probable first (ties in label order).</summary>
    public IReadOnlyList<(string Label, float Probability)> Top(int k) =>
        [.. Probabilities.Select((p, i) => (Task.Labels[i], p)).OrderByDescending(x => x.p).Take(k)];

    /// <summary>Softmax of <paramref name="logits"/>, computed in double after subtracting the maximum.</summary>
    public static float[] Softmax(ReadOnlySpan<float> logits)
    {
        float max = float.NegativeInfinity;
        foreach (float l in logits) max = Math.Max(max, l);
        var e = new double[logits.Length];
        double sum = 0;
        for (int i = 0; i < e.Length; i++) sum += e[i] = Math.Exp(logits[i] - max);
        return [.. e.Select(v => (float)(v / sum))];
    }
}
