using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Onnx;

/// <summary>
/// Whether ONNX Runtime's CUDA execution provider can really run here. The GPU package lists the provider whether or not
/// CUDA is installed, and creating it without CUDA fails deep inside ONNX Runtime (the missing library is named only in
/// its log), so a device is usable only once a throwaway session has been created on it; the answer is cached per device.
/// </summary>
public static partial class CudaAvailability
{
    /// <summary>The CUDA and cuDNN versions the ONNX Runtime GPU package this library is built against (1.32) needs.</summary>
    public const string Requirement = "CUDA 13 and cuDNN 9";

    private const string Provider = "CUDAExecutionProvider";
    private static readonly ConcurrentDictionary<int, string?> Problems = new();

    /// <summary>
    /// Why CUDA device <paramref name="deviceId"/> cannot be used, in one sentence without the remedy for falling back
    /// (each entry point adds its own: <c>--device cpu</c>, <c>FallbackToCpu</c>); <see langword="null"/> when it can.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative device id.</exception>
    public static string? Problem(int deviceId)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deviceId);
        return Problems.GetOrAdd(deviceId, Probe);
    }

    /// <summary>Throws <see cref="NotSupportedException"/> with <see cref="Problem"/> and <paramref name="fallback"/> when the device is not usable.</summary>
    /// <param name="deviceId">CUDA device index.</param>
    /// <param name="fallback">How to go on without the GPU, e.g. "use --device cpu".</param>
    /// <exception cref="NotSupportedException">CUDA device <paramref name="deviceId"/> is not usable.</exception>
    public static void Require(int deviceId, string fallback)
    {
        if (Problem(deviceId) is string problem) throw new NotSupportedException($"{problem}; {fallback}");
    }

    private static string? Probe(int deviceId)
    {
        string version = OrtEnv.Instance().GetVersionString();
        if (!OrtEnv.Instance().GetAvailableProviders().Contains(Provider))
            return $"cuda:{deviceId} needs ONNX Runtime's {Provider}, which this build does not include (it uses the CPU-only " +
                   "Microsoft.ML.OnnxRuntime package): rebuild with -p:LeafGpu=true (linux-x64 and win-x64 only; ONNX Runtime GPU " +
                   $"{version} needs {Requirement})";
        if (MissingLibrary() is string missing)
            return $"cuda:{deviceId} is not usable: ONNX Runtime {version} could not load its CUDA provider ({missing}); it needs " +
                   $"{Requirement} installed and on the library path (LD_LIBRARY_PATH on Linux, PATH on Windows)";
        try
        {
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(deviceId);
            using var session = new InferenceSession(IdentityModel(), options);
            return null;
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            return $"cuda:{deviceId} is not usable: ONNX Runtime {version} could not create a CUDA session ({FirstLine(e.Message)}); " +
                   $"it needs an NVIDIA driver, that device, and {Requirement}";
        }
    }

    // Loads the provider library the way ONNX Runtime will; the loader's message names the dependency it could not find
    // (e.g. "libcublasLt.so.13: cannot open shared object file"), which ONNX Runtime only writes to its log.
    private static string? MissingLibrary()
    {
        string name = OperatingSystem.IsWindows() ? "onnxruntime_providers_cuda.dll" : "libonnxruntime_providers_cuda.so";
        string? folder = Path.GetDirectoryName(LoadedOnnxRuntimePath());
        string path = folder is null ? name : Path.Combine(folder, name);
        try
        {
            NativeLibrary.Free(NativeLibrary.Load(File.Exists(path) ? path : name, typeof(OrtEnv).Assembly, DllImportSearchPath.AssemblyDirectory));
            return null;
        }
        catch (DllNotFoundException e)
        {
            var dependency = MissingDependency().Matches(e.Message).Select(m => m.Groups[1].Value).FirstOrDefault(d => !d.Contains("providers_cuda", StringComparison.Ordinal));
            return dependency is not null ? $"{dependency}: cannot open shared object file" : FirstLine(e.Message);
        }
    }

    // Where the process loaded ONNX Runtime's native library from (Linux: /proc/self/maps); null when unknown.
    private static string? LoadedOnnxRuntimePath()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps)) return null;
        return File.ReadLines(maps).Select(line => line[(line.IndexOf('/') is int i and >= 0 ? i : line.Length)..])
            .FirstOrDefault(p => Path.GetFileName(p) == "libonnxruntime.so");
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static byte[] IdentityModel()
    {
        var graph = new OnnxGraphBuilder("cuda-probe");
        string input = graph.AddInput("x", OnnxDim.Fixed(1));
        graph.AddOutput(graph.AddNode("Identity", [input], output: "y"), OnnxDim.Fixed(1));
        return OnnxModelWriter.ToBytes(graph);
    }

    [GeneratedRegex(@"([\w.+-]+\.(?:so[.\d]*|dll)): cannot open shared object file")]
    private static partial Regex MissingDependency();
}
