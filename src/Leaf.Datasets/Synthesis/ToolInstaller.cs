namespace Leaf.Datasets.Synthesis;

/// <summary>
/// Makes sure the synthesisers' programs and files are present: when some are missing and the process runs as
/// root on a system with apt-get, installs their packages (<c>apt-get update</c>, then
/// <c>apt-get install -y --no-install-recommends …</c>); otherwise fails with the exact command to run.
/// </summary>
internal static class ToolInstaller
{
    private static readonly TimeSpan AptTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The requirements that are missing now.</summary>
    public static IReadOnlyList<ToolRequirement> Missing(IEnumerable<ToolRequirement> requirements) =>
        [.. requirements.Where(r => r.Locate() is null)];

    /// <summary>The shell command that installs the packages of <paramref name="missing"/>.</summary>
    public static string InstallCommand(IEnumerable<ToolRequirement> missing) =>
        "sudo apt-get install -y " + string.Join(' ', missing.Select(r => r.Package).Distinct(StringComparer.Ordinal));

    /// <summary>Installs what is missing (when <paramref name="install"/> and root with apt-get), or throws with the command to run.</summary>
    /// <param name="requirements">What is needed.</param>
    /// <param name="install">Whether installing is allowed.</param>
    /// <param name="log">Where to say what is being installed (may be <see langword="null"/>).</param>
    /// <exception cref="InvalidOperationException">Something is missing and could not be installed; the message gives the command.</exception>
    public static void Ensure(IReadOnlyList<ToolRequirement> requirements, bool install, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(requirements);
        IReadOnlyList<ToolRequirement> missing = Missing(requirements);
        if (missing.Count == 0) return;
        string what = string.Join(", ", missing.Select(r => r.Path));
        bool canInstall = install && OperatingSystem.IsLinux() && Environment.UserName == "root" && new ToolRequirement("apt-get", "apt").Locate() is not null;
        if (!canInstall)
            throw new InvalidOperationException($"missing {what}; install with: {InstallCommand(missing)}");
        string[] packages = [.. missing.Select(r => r.Package).Distinct(StringComparer.Ordinal)];
        log?.WriteLine($"installing {string.Join(' ', packages)} (apt-get) for {what}");
        var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        ProcessRunner.Run("apt-get", ["update", "-qq"], AptTimeout, environment); // a failed update may still leave usable lists
        ProcessRunner.Result result = ProcessRunner.Run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", .. packages], AptTimeout, environment);
        IReadOnlyList<ToolRequirement> still = Missing(requirements);
        if (result.ExitCode != 0 || still.Count > 0)
            throw new InvalidOperationException($"apt-get could not install {string.Join(' ', packages)} (exit code {result.ExitCode}): {result.Errors}; " +
                                                $"install with: {InstallCommand(still.Count > 0 ? still : missing)}");
    }
}
