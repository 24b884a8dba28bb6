using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using Leaf.Audio;

namespace Leaf.Datasets.Synthesis;

/// <summary>
/// Runs a <see cref="SynthesisTask{TRecipe}"/>: plans the files (<see cref="SynthesisJob.Plan"/>), draws each file's
/// recipe from its own stream seeded by (seed, task, label, index) — so a file does not depend on the others, on
/// the class subset or on the order of rendering — renders the missing ones in parallel, writes each atomically,
/// and finally writes <c>synthesis.csv</c> (every file with its recipe) and <c>README.txt</c>.
/// Files already present are kept, so an interrupted run resumes where it stopped.
/// </summary>
internal static class DatasetSynthesizer
{
    public const string ManifestName = "synthesis.csv";
    public const string ReadmeName = "README.txt";

    public static SynthesisResult Run<TRecipe>(SynthesisTask<TRecipe> task, SynthesisOptions options, IProgress<(int Done, int Total)>? progress, CancellationToken cancellation)
        where TRecipe : notnull
    {
        options.Validated();
        var clock = Stopwatch.StartNew();
        IReadOnlyList<string> classes = SelectClasses(task, options.Classes);
        ToolInstaller.Ensure(task.Requirements, options.InstallMissingTools, options.Log);
        string root = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(root);
        RemoveStaleTemporaries(root);

        IReadOnlyList<SynthesisJob> jobs = SynthesisJob.Plan(classes, options.PerClass, options.Fractions);
        TRecipe[] recipes = [.. jobs.Select(job => task.Draw(job, DeterministicRandom.For(
            options.Seed, DeterministicRandom.KeyOf(task.Name), DeterministicRandom.KeyOf(job.Label), job.Index)))];
        int done = 0, written = 0;
        var reporting = new Lock();
        progress?.Report((0, jobs.Count));
        try
        {
            Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellation }, i =>
            {
                string path = Path.Combine(root, jobs[i].RelativePath);
                if (!File.Exists(path))
                {
                    WavWriter.Write(path, Render(task, jobs[i], recipes[i]), options.SampleRate);
                    Interlocked.Increment(ref written);
                }
                lock (reporting) progress?.Report((++done, jobs.Count)); // in order: a count never goes back
            });
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); // the first failure, not the wrapper (the files written so far stay)
        }

        AtomicFile.WriteText(Path.Combine(root, ManifestName), Manifest(jobs, recipes));
        AtomicFile.WriteText(Path.Combine(root, ReadmeName), Readme(task, options, classes));
        return new SynthesisResult(root, jobs.Count, written, jobs.Count - written, clock.Elapsed);
    }

    /// <summary>Renders one file; a failure names the file and its recipe.</summary>
    private static float[] Render<TRecipe>(SynthesisTask<TRecipe> task, SynthesisJob job, TRecipe recipe) where TRecipe : notnull
    {
        try
        {
            return task.Render(recipe);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{job.RelativePath} ({recipe}): {e.Message}", e);
        }
    }

    /// <summary>The requested classes in the task's order, or all of them.</summary>
    private static IReadOnlyList<string> SelectClasses<TRecipe>(SynthesisTask<TRecipe> task, IReadOnlyList<string>? requested) where TRecipe : notnull
    {
        if (requested is null) return task.Classes;
        string? unknown = requested.FirstOrDefault(c => !task.Classes.Contains(c, StringComparer.Ordinal));
        if (unknown is not null) throw new ArgumentException($"'{unknown}' is not a {task.Name} class; choose from {string.Join(", ", task.Classes)}", nameof(requested));
        if (requested.Count == 0) throw new ArgumentException($"no {task.Name} class selected", nameof(requested));
        return [.. task.Classes.Where(requested.Contains)];
    }

    private static void RemoveStaleTemporaries(string root)
    {
        foreach (string file in Directory.EnumerateFiles(root, ".*", SearchOption.AllDirectories).Where(AtomicFile.IsTemporary)) File.Delete(file);
    }

    /// <summary>path,label,split,recipe for every planned file (the recipe quoted).</summary>
    private static string Manifest<TRecipe>(IReadOnlyList<SynthesisJob> jobs, TRecipe[] recipes) where TRecipe : notnull
    {
        var csv = new StringBuilder("path,label,split,recipe\n");
        for (int i = 0; i < jobs.Count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{jobs[i].RelativePath},{jobs[i].Label},{jobs[i].Split.Name()},\"{recipes[i].ToString()!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
        return csv.ToString();
    }

    private static string Readme<TRecipe>(SynthesisTask<TRecipe> task, SynthesisOptions options, IReadOnlyList<string> classes) where TRecipe : notnull
    {
        (int train, int valid, int test) = StratifiedSplit.Counts(options.PerClass, options.Fractions);
        string command = options.CommandLine ?? FormattableString.Invariant(
            $"(library call) {task.Name}: out={options.OutputDirectory} per-class={options.PerClass} seed={options.Seed} rate={options.SampleRate} clip={options.ClipSeconds}s");
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"LEAF for .NET: synthesised demonstration dataset '{task.Name}'");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command:   {command}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Seed:      {options.Seed}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Classes:   {classes.Count} ({string.Join(", ", classes)})");
        text.AppendLine(CultureInfo.InvariantCulture, $"Per class: {options.PerClass} (train {train}, valid {valid}, test {test}); {classes.Count * options.PerClass} files in all");
        text.AppendLine(CultureInfo.InvariantCulture, $"Audio:     {options.ClipSeconds:0.###} s clips, mono 16-bit PCM WAV at {options.SampleRate} Hz");
        text.AppendLine(CultureInfo.InvariantCulture, $"Tools:     {string.Join("; ", task.Requirements.Select(Version))}");
        text.AppendLine();
        text.AppendLine(task.Description);
        text.AppendLine();
        text.AppendLine("Noise: white, pink (1/f) or brown (1/f²) Gaussian noise generated in code from a seeded stream, scaled to the");
        text.AppendLine("drawn SNR relative to the power of the non-silent part of the clip; the clip is then scaled to a drawn peak level.");
        text.AppendLine();
        text.AppendLine("Layout: <split>/<label>/<label>_NNNN.wav with split train, valid or test. " + ManifestName + " lists every file with");
        text.AppendLine("the parameters it was made from. Each file's parameters come from its own random stream seeded by");
        text.AppendLine("(seed, task, label, index): the same seed and tool versions give the same files, bit for bit.");
        text.AppendLine("Re-running the command keeps the files already present and renders the missing ones.");
        return text.ToString();
    }

    /// <summary>The first line of "program --version", or the file's path for data files.</summary>
    private static string Version(ToolRequirement requirement)
    {
        string located = requirement.Locate() ?? requirement.Path;
        if (requirement.IsFile) return $"{located} ({requirement.Package})";
        ProcessRunner.Result result = ProcessRunner.Run(located, ["--version"], TimeSpan.FromSeconds(30));
        string first = Encoding.UTF8.GetString(result.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return $"{first} ({requirement.Package})";
    }
}
