using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace Leaf.Cli.Commands;

/// <summary><c>leaf info</c>: versions, the TorchSharp and ONNX Runtime backends and execution providers, external tools.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Print versions, the TorchSharp and ONNX Runtime backends and execution providers, and external tools found.");
        command.SetAction(parse => Print(parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Print(TextWriter o)
    {
        o.WriteLine($"leaf {typeof(InfoCommand).Assembly.GetName().Version}");
        o.WriteLine($"  .NET            {RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})");
        o.WriteLine($"  OS              {RuntimeInformation.OSDescription}");
        o.WriteLine($"  CPU cores       {Environment.ProcessorCount}");
        o.WriteLine("TorchSharp (training)");
        o.WriteLine(Try(() =>
            $"  version         {Training.TorchRuntime.TorchSharpVersion}\n" +
            $"  backend         libtorch CPU, {Training.TorchRuntime.Threads} threads; CUDA {(Training.TorchRuntime.CudaAvailable ? "available" : "not available (TorchSharp-cpu)")}"));
        o.WriteLine("ONNX Runtime (inference)");
        o.WriteLine(Try(() =>
            $"  version         {OrtEnv.Instance().GetVersionString()}\n" +
            $"  providers       {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}"));
        o.WriteLine("External tools");
        o.WriteLine($"  ffmpeg          {ToolVersion("ffmpeg", "-version")}");
        o.WriteLine($"  sox             {ToolVersion("sox", "--version")}");
        return 0;
    }

    private static string Try(Func<string> describe)
    {
        try { return describe(); }
        catch (Exception e) { return $"  unavailable: {e.GetBaseException().Message}"; }
    }

    private static string ToolVersion(string tool, string flag)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(tool, flag) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string first = p.StandardOutput.ReadLine() ?? "";
            p.WaitForExit(5000);
            return first.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found (apt-get install " + tool + ")";
        }
    }
}
