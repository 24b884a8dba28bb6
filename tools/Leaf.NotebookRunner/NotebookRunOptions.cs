namespace Leaf.NotebookRunner;

/// <summary>Settings of <see cref="NotebookExecutor.RunAsync"/>.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>Where the executed notebook is written; null (the default) rewrites the notebook in place.</summary>
    public string? OutputPath { get; init; }

    /// <summary>The most one build or one run may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The folder of the generated program; null (the default) is a folder named after the notebook's full path, under
    /// artifacts/notebooks of the enclosing repository (the first folder above holding Directory.Build.props, whose build
    /// settings then apply) or else under the system temp folder. Re-running an unchanged notebook reuses its build.
    /// </summary>
    public string? ProgramDirectory { get; init; }
}
