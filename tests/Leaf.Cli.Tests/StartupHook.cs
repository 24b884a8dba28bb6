// Not a test: a .NET startup hook (DOTNET_STARTUP_HOOKS, which wants this exact type name in the global namespace) that
// TrainingFreeCommandsTests loads into a child `leaf` process to see what the command loaded.
#pragma warning disable CA1050 // the runtime looks for the type StartupHook outside any namespace

/// <summary>
/// On process exit, writes to the file named by <see cref="OutputVariable"/> the names of every managed assembly the
/// process loaded, then the file names of the mapped native libraries whose name contains "torch" (Linux).
/// </summary>
internal static class StartupHook
{
    /// <summary>The environment variable holding the output file's path.</summary>
    public const string OutputVariable = "LEAF_TEST_LOADED_ASSEMBLIES";

    /// <summary>Called by the runtime before <c>Main</c>.</summary>
    public static void Initialize()
    {
        string path = Environment.GetEnvironmentVariable(OutputVariable) ?? throw new InvalidOperationException($"{OutputVariable} is not set");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.WriteAllLines(path, [.. AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name!), .. TorchLibraries()]);
    }

    private static IEnumerable<string> TorchLibraries() => File.Exists("/proc/self/maps")
        ? File.ReadLines("/proc/self/maps").Select(line => Path.GetFileName(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]))
            .Where(name => name.Contains("torch", StringComparison.OrdinalIgnoreCase)).Distinct()
        : [];
}
