using System.Globalization;

namespace Leaf.Scoring;

/// <summary>
/// Which part of the input one worker scores: shard <see cref="Index"/> of <see cref="Count"/> takes the files whose
/// input index i has i mod Count = Index (round robin: shards differ by at most one file, and consecutive files — often
/// of similar length — are spread over all shards).
/// </summary>
/// <param name="Index">0-based shard index.</param>
/// <param name="Count">Number of shards.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole input.</summary>
    public static ShardSpec All { get; } = new(0, 1);

    /// <summary>Kubernetes Indexed Job: the pod's 0-based index.</summary>
    public const string KubernetesIndexVariable = "JOB_COMPLETION_INDEX";

    /// <summary>The shard count to go with <see cref="KubernetesIndexVariable"/> (Kubernetes does not set one; set it to the Job's completions).</summary>
    public const string ShardCountVariable = "LEAF_SHARD_COUNT";

    /// <summary>Whether input file <paramref name="index"/> belongs to this shard.</summary>
    public bool Contains(long index) => index % Count == Index;

    /// <summary>Parses <c>I/N</c> (0 ≤ I &lt; N).</summary>
    /// <exception cref="ArgumentException">Not of that form.</exception>
    public static ShardSpec Parse(string text)
    {
        string[] parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            return Create(i, n, $"--shard {text}");
        throw new ArgumentException($"--shard '{text}': expected I/N with 0 <= I < N, e.g. 0/4");
    }

    /// <summary>
    /// The shard the environment names: <c>JOB_COMPLETION_INDEX</c> with <c>LEAF_SHARD_COUNT</c> (Kubernetes Indexed
    /// Job), else <c>SLURM_ARRAY_TASK_ID</c> − <c>SLURM_ARRAY_TASK_MIN</c> of <c>SLURM_ARRAY_TASK_COUNT</c> (Slurm
    /// array); null when neither is set.
    /// </summary>
    /// <exception cref="ArgumentException">A variable is set but unusable (the message names it).</exception>
    public static ShardSpec? FromEnvironment(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable(KubernetesIndexVariable) is string k)
        {
            string count = variable(ShardCountVariable)
                ?? throw new ArgumentException($"{KubernetesIndexVariable} is set but {ShardCountVariable} is not: set it to the Job's completions (or pass --shard I/N)");
            return Create(Int(KubernetesIndexVariable, k), Int(ShardCountVariable, count), KubernetesIndexVariable);
        }
        if (variable("SLURM_ARRAY_TASK_ID") is string id && variable("SLURM_ARRAY_TASK_COUNT") is string n)
        {
            int min = variable("SLURM_ARRAY_TASK_MIN") is string m ? Int("SLURM_ARRAY_TASK_MIN", m) : 0;
            return Create(Int("SLURM_ARRAY_TASK_ID", id) - min, Int("SLURM_ARRAY_TASK_COUNT", n), "SLURM_ARRAY_TASK_ID");
        }
        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Index}/{Count}";

    private static ShardSpec Create(int index, int count, string source)
    {
        if (count < 1 || index < 0 || index >= count)
            throw new ArgumentException($"{source}: shard {index} of {count} is out of range (0 <= index < count)");
        return new ShardSpec(index, count);
    }

    private static int Int(string name, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) ? v : throw new ArgumentException($"{name}='{value}' is not an integer");
}
